// What a browser app pays for the SDK: src/index.ts bundled by esbuild for the browser (with the
// browser variants the package's browser build uses), minified and gzipped, from an entry that imports only `Pachca` and calls `users.get`. esbuild splits the
// code as an app's bundler would: code behind a dynamic `import()` (avatar uploads) becomes a
// chunk of its own that the browser fetches only on first use, so the size counts the chunks
// loaded up front — the entry chunk and the chunks it imports statically — each gzipped on its
// own, as each is a separate download. The runtime is measured apart from the operation table
// (`measureRuntime`): the table grows with every operation, the runtime only with new code.
// Shared by the size test (test/package/) and `npm run bench`.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { operations } from '../../generated/operations.js';
import { browserVariants } from './browser-variants.js';
import { ROOT } from './spec.js';

/**
 * The most gzip the runtime (the bundle with an empty operation table) may load up front: its size
 * when the ceiling was set, so it can only shrink. The table is not under it: each operation adds
 * its row (see `measureRuntime`), and an operation added to the spec must not fail the build.
 */
export const RUNTIME_CEILING_BYTES = 7_068;

const ENTRY = `
import { Pachca } from './src/index.js';
export function getUser(id: number) {
  return new Pachca({ token: 'token' }).users.get(id);
}
`;

export interface BundledImport {
  path: string;
  kind: string;
}

export interface BundleChunk {
  /** The output file, relative to the (unwritten) output directory. */
  file: string;
  code: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Loaded with the entry (statically imported), rather than on demand. */
  upFront: boolean;
  /** The source files in this chunk. */
  inputs: string[];
}

export interface BrowserBundle {
  /** Every chunk, the entry first. */
  chunks: BundleChunk[];
  /** Sum over the chunks loaded up front. */
  minifiedBytes: number;
  /** Sum over the chunks loaded up front, each gzipped on its own. */
  gzipBytes: number;
  /** Imports of modules outside the bundle (only externals can be), from every chunk. */
  imports: BundledImport[];
  /** Every source file in the chunks loaded up front, biggest first, with its minified bytes. */
  inputs: { path: string; bytes: number }[];
  metafile: Metafile;
}

const OUT_DIR = resolve(ROOT, 'browser-bundle');

/** Swaps generated/operations.ts for an empty table: what is left is the runtime. */
const emptyOperationTable: Plugin = {
  name: 'empty-operation-table',
  setup(build) {
    build.onLoad({ filter: /[\\/]generated[\\/]operations\.ts$/ }, () => ({
      contents: 'export const operations = {};',
      loader: 'ts',
    }));
  },
};

export interface BundleOptions {
  /** Leave npm packages (openapi-fetch) out, to size the SDK's own code. */
  withoutDependencies?: boolean;
  /** Bundle an empty operation table, to size the runtime alone. */
  withoutOperations?: boolean;
  /** Size another app instead (TypeScript source, imports relative to the repository's root). */
  source?: string;
}

export async function bundleForBrowser({
  withoutDependencies = false,
  withoutOperations = false,
  source = ENTRY,
}: BundleOptions = {}): Promise<BrowserBundle> {
  // A Node builtin is left unresolved, so esbuild fails the build for the browser platform.
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts', sourcefile: 'browser-entry.ts' },
    // Metafile paths are relative to this.
    absWorkingDir: ROOT,
    outdir: OUT_DIR,
    entryNames: 'entry',
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    plugins: withoutOperations ? [browserVariants, emptyOperationTable] : [browserVariants],
    ...(withoutDependencies ? { packages: 'external' as const } : {}),
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const codeOf = new Map(result.outputFiles.map((file) => [file.path, file.text]));
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint)!;

  // The entry and, transitively, what it imports statically; dynamic imports wait for first use.
  const upFront = new Set<string>();
  for (const queue = [entry]; queue.length; ) {
    const file = queue.pop()!;
    if (upFront.has(file)) continue;
    upFront.add(file);
    queue.push(
      ...outputs[file]!.imports.filter((i) => i.kind === 'import-statement' && i.path in outputs).map((i) => i.path),
    );
  }

  const chunks: BundleChunk[] = Object.keys(outputs)
    .sort((a, b) => Number(b === entry) - Number(a === entry))
    .map((file) => {
      const code = codeOf.get(resolve(ROOT, file))!;
      return {
        file: resolve(ROOT, file).slice(OUT_DIR.length + 1),
        code,
        minifiedBytes: Buffer.byteLength(code),
        gzipBytes: gzipSync(code, { level: 9 }).length,
        upFront: upFront.has(file),
        inputs: Object.keys(outputs[file]!.inputs),
      };
    });
  const loaded = chunks.filter((chunk) => chunk.upFront);
  const sum = (key: 'minifiedBytes' | 'gzipBytes') => loaded.reduce((total, chunk) => total + chunk[key], 0);
  return {
    chunks,
    minifiedBytes: sum('minifiedBytes'),
    gzipBytes: sum('gzipBytes'),
    imports: Object.values(outputs).flatMap((output) =>
      output.imports.filter((i) => !(i.path in outputs)).map(({ path, kind }) => ({ path, kind })),
    ),
    inputs: [...upFront]
      .flatMap((file) => Object.entries(outputs[file]!.inputs))
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes),
    metafile: result.metafile,
  };
}

export interface RuntimeAndTable {
  /** The bundle with an empty operation table. */
  runtime: BrowserBundle;
  /** Gzip it loads up front. */
  runtimeGzipBytes: number;
  /** What the table adds to the full bundle's gzip, and that over the number of operations. */
  tableGzipBytes: number;
  operations: number;
  tableGzipBytesPerOperation: number;
}

/** Splits the up-front gzip of `full` (a bundle with every operation) into runtime and table. */
export async function measureRuntime(full: BrowserBundle, options: BundleOptions = {}): Promise<RuntimeAndTable> {
  const runtime = await bundleForBrowser({ ...options, withoutOperations: true });
  const count = Object.keys(operations).length;
  const tableGzipBytes = full.gzipBytes - runtime.gzipBytes;
  return {
    runtime,
    runtimeGzipBytes: runtime.gzipBytes,
    tableGzipBytes,
    operations: count,
    tableGzipBytesPerOperation: tableGzipBytes / count,
  };
}

/** "7.42 KB": kibibytes, as bundle sizes are usually quoted. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
