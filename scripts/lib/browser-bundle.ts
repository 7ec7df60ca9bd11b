// What a browser app pays for the SDK: src/index.ts bundled by esbuild for the browser, minified
// and gzipped, from an entry that imports only `Pachca` and calls `users.get`. Shared by the size
// test (test/package/) and `npm run bench`.
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { ROOT } from './spec.js';

/** The budget from the package issue: 6 KB (6,144 bytes) of gzip. */
export const BUNDLE_BUDGET_BYTES = 6 * 1024;

/** Node modules the SDK may load lazily (file-path uploads); anything else node: is an error. */
export const LAZY_NODE_MODULES = ['node:fs/promises'];

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

export interface BrowserBundle {
  code: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Imports left in the bundle (only externals can be). */
  imports: BundledImport[];
  /** Every source file in the bundle, biggest first, with its minified bytes. */
  inputs: { path: string; bytes: number }[];
  metafile: Metafile;
}

/** `withoutDependencies` leaves npm packages (openapi-fetch) out, to size the SDK's own code. */
export async function bundleForBrowser({ withoutDependencies = false } = {}): Promise<BrowserBundle> {
  // Any other Node builtin is left unresolved, so esbuild fails the build for the browser platform.
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'browser-entry.ts' },
    outfile: 'browser-bundle.js',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: LAZY_NODE_MODULES,
    ...(withoutDependencies ? { packages: 'external' as const } : {}),
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    code,
    minifiedBytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    imports: output.imports.map(({ path, kind }) => ({ path, kind })),
    inputs: Object.entries(output.inputs)
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes),
    metafile: result.metafile,
  };
}

/** "7.42 KB": kibibytes, as bundle sizes are usually quoted. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
