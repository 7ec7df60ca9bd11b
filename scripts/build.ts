// `npm run build`: the publishable package, in dist/ beside the docs build's files:
//   dist/index.js + index.d.ts     ESM build of the SDK and its types
//   dist/index.cjs + index.d.cts   CommonJS build of the SDK and its types
//   dist/index.browser.js          ESM build for browsers (the `browser` export condition)
//   dist/cli.js                    the `pachca` bin (ESM, with a shebang, its libraries bundled)
//   dist/cli-emulator.js           `pachca emulator` (the engine, the Node server, ajv bundled in),
//                                  which cli.js imports only when that command runs
//   dist/cli.js.LICENSE.txt,       the license notices of the libraries bundled into each
//   dist/cli-emulator.js.LICENSE.txt
//   dist/spec/openapi.{json,yaml}  the bundled English spec (`pachca-sdk/openapi.json`, `.yaml`),
//                                  which `pachca emulator` checks every exchange against
//   dist/msw.{js,cjs,d.ts,d.cts}    `pachca-sdk/msw`: MSW handlers (msw stays an import); the
//                                  committed msw/package.json leads resolvers that ignore
//                                  `exports` (TypeScript's node10) to them
// tsup builds into a fresh staging directory and the files are renamed into place, so the docs
// build's files in dist/ survive and a second build running at the same time never leaves half
// a file behind.
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { build, type Options } from 'tsup';
import ts from 'typescript';
import { stringify } from 'yaml';
import { browserVariants } from './lib/browser-variants.js';
import { bundleSpec, ROOT } from './lib/spec.js';
import { thirdPartyLicenses } from './lib/third-party-licenses.js';

export const DIST = join(ROOT, 'dist');
export const SDK_ENTRY = join(ROOT, 'src/index.ts');
export const CLI_ENTRY = join(ROOT, 'src/cli/index.ts');
export const MSW_ENTRY = join(ROOT, 'src/msw/index.ts');

// Every file a build writes matches one of these; anything else in dist/ belongs to someone else.
export const PACKAGE_FILES =
  /^((index|msw)\.(js|cjs|d\.ts|d\.cts)|index\.browser\.js|cli(-emulator)?\.js(\.LICENSE\.txt)?|(chunk|browser)-[\w-]+\.(js|cjs))$/;

/** The directory of the bundled spec in dist/, replaced whole by each build. */
export const SPEC_DIR = 'spec';

const common: Options = {
  // Works in Node 20 and every browser or edge runtime with fetch and private class fields.
  target: 'es2022',
  sourcemap: false,
  silent: true,
  // Only dependencies stay external; generated/ and src/ are bundled.
  skipNodeModulesBundle: true,
  // Keep `node:fs/promises` as written: Deno, Bun and edge runtimes only know the prefixed name.
  removeNodeProtocol: false,
};

const diagnosticsHost = {
  getCanonicalFileName: (f: string) => f,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/** Files whose declarations the package's types are bundled from. */
const isPackageSource = (file: ts.SourceFile) => /^(src|generated)\//.test(relative(ROOT, file.fileName));

/**
 * A TypeScript program that can emit the package's declarations: over the SDK's and
 * pachca-sdk/msw's entries alone, or over the whole project (tsconfig's `include`), which is
 * also the project's typecheck (`npm test` builds with that one, so src/ is checked once, not
 * twice). tsup's own `dts` builds a program per entry; from these .d.ts files tsup only bundles
 * each entry's types, with no program of its own.
 */
export function declarationProgram(scope: 'package' | 'project' = 'package'): ts.Program {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return ts.createProgram(scope === 'project' ? fileNames : [SDK_ENTRY, MSW_ENTRY], {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    rootDir: ROOT,
  });
}

/** The program's type errors, formatted as tsc prints them; empty when there are none. */
export function typeErrors(program: ts.Program, only: (file: ts.SourceFile) => boolean = () => true): string {
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || only(d.file));
  return diagnostics.length ? ts.formatDiagnostics(diagnostics, diagnosticsHost) : '';
}

/** The package's declarations, emitted into `dir` from `program`. */
function emitDeclarations(dir: string, program: ts.Program): void {
  // As tsup does: a type error in the package's sources fails the build instead of shipping what
  // was inferred (one in a test does not: the typecheck reports it).
  const errors = typeErrors(program, isPackageSource);
  if (errors) throw new Error(`types: ${errors}`);
  const write = (fileName: string, text: string) => {
    mkdirSync(dirname(fileName), { recursive: true });
    writeFileSync(fileName, text);
  };
  for (const file of program.getSourceFiles()) {
    const path = relative(ROOT, file.fileName);
    if (path.startsWith('..') || path.includes('node_modules') || !isPackageSource(file)) continue;
    // Declarations written as .d.ts (generated/schema.d.ts) are read, not emitted: copy them beside.
    if (file.isDeclarationFile) cpSync(file.fileName, join(dir, path));
    else program.emit(file, (name, text) => write(join(dir, relative(ROOT, name)), text), undefined, true);
  }
}

/** Where emitDeclarations put an entry's declarations. */
const declarationsOf = (dir: string, entry: string) => join(dir, relative(ROOT, entry).replace(/\.ts$/, '.d.ts'));

function sdkBuilds(outDir: string, declarations: string): Options[] {
  const sdk: Options = {
    ...common,
    entry: { index: SDK_ENTRY },
    platform: 'neutral',
    outDir,
    // The ESM build splits lazily loaded code (uploads) into chunks: name them so PACKAGE_FILES
    // knows them and a later build removes the stale ones.
    esbuildOptions(options) {
      options.chunkNames = 'chunk-[name]-[hash]';
    },
  };
  return [
    // Types are built once, with the ESM build, and copied to index.d.cts: they are the same file.
    { ...sdk, format: ['esm'], dts: { entry: { index: declarationsOf(declarations, SDK_ENTRY) } } },
    // openapi-fetch is bundled into the CommonJS build: from a "type": "module" source, esbuild
    // would read `import createClient from 'openapi-fetch'` with Node's ESM-imports-CJS rule and
    // hand the CJS build's whole `exports` object to `createClient(...)`.
    { ...sdk, format: ['cjs'], noExternal: ['openapi-fetch'] },
    // Browser bundlers pick this one through the `browser` condition: the ESM build with the
    // browser variants of Node-only modules (scripts/lib/browser-variants.ts). Platform `browser`
    // makes any Node builtin that still sneaks in fail the build.
    {
      ...sdk,
      entry: { 'index.browser': SDK_ENTRY },
      format: ['esm'],
      platform: 'browser',
      esbuildPlugins: [browserVariants],
      esbuildOptions(options) {
        options.chunkNames = 'browser-[name]-[hash]';
      },
    },
  ];
}

/** Built apart from the SDK, so the two share no chunk and `import 'pachca-sdk'` never loads msw. */
function mswBuilds(outDir: string, declarations: string): Options[] {
  const msw: Options = {
    ...common,
    entry: { msw: MSW_ENTRY },
    platform: 'neutral',
    outDir,
    // Any chunk its ESM build splits off gets a name PACKAGE_FILES knows, as the SDK's do.
    esbuildOptions(options) {
      options.chunkNames = 'chunk-[name]-[hash]';
    },
  };
  return [
    { ...msw, format: ['esm'], dts: { entry: { msw: declarationsOf(declarations, MSW_ENTRY) } } },
    { ...msw, format: ['cjs'] },
  ];
}

function cliBuild(outDir: string): Options {
  const hasShebang = readFileSync(CLI_ENTRY, 'utf8').startsWith('#!');
  return {
    ...common,
    entry: { cli: CLI_ENTRY },
    format: ['esm'],
    platform: 'node',
    // One self-contained file: nothing but the bin needs the CLI's modules. Its libraries
    // (devDependencies) are bundled in, so an SDK install brings only `dependencies`
    // (openapi-fetch), which stay external. The emulator's command module is the one exception:
    // built apart (emulatorBuild), and imported by path when `pachca emulator` runs.
    splitting: false,
    skipNodeModulesBundle: false,
    // Bundled CommonJS libraries (cli-table3) call require() for Node builtins: give them one.
    banner: {
      js: `${hasShebang ? '' : '#!/usr/bin/env node\n'}import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);`,
    },
    esbuildPlugins: [emulatorApart, thirdPartyLicenses(join(outDir, 'cli.js.LICENSE.txt'), 'cli.js')],
    outDir,
  };
}

/** The module `pachca emulator` imports, and the file it is built into beside cli.js. */
const EMULATOR_MODULE = '../emulator/node/run.js';
const EMULATOR_FILE = 'cli-emulator';

/** cli.js imports the emulator's separate build by its file name instead of bundling it. */
const emulatorApart: Plugin = {
  name: 'emulator-apart',
  setup(build) {
    build.onResolve({ filter: /\/emulator\/node\/run\.js$/ }, (args) =>
      args.path === EMULATOR_MODULE ? { path: `./${EMULATOR_FILE}.js`, external: true } : undefined,
    );
  },
};

/**
 * `pachca emulator`: the engine, the Node server and ajv (bundled: about 300 KB of this one file,
 * instead of ajv, ajv-formats and their four dependencies, 3.1 MB installed, in every SDK install).
 */
function emulatorBuild(outDir: string): Options {
  return {
    ...common,
    entry: { [EMULATOR_FILE]: join(ROOT, 'src/emulator/node/run.ts') },
    format: ['esm'],
    platform: 'node',
    splitting: false,
    skipNodeModulesBundle: false,
    // ajv and ajv-formats are CommonJS and call require(): give them one, as the bin has.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    esbuildPlugins: [thirdPartyLicenses(join(outDir, `${EMULATOR_FILE}.js.LICENSE.txt`), `${EMULATOR_FILE}.js`)],
    outDir,
  };
}

/** The spec bundled by Redocly from openapi/, as JSON and YAML, into `dir`. */
function writeBundledSpec(dir: string): void {
  const spec = bundleSpec();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(join(dir, 'openapi.yaml'), stringify(spec, { lineWidth: 0 }));
}

export interface PackageBuild {
  files: string[];
}

/** Builds dist/; `program` (a declarationProgram) is reused when the caller already has one. */
export async function buildPackage({ program }: { program?: ts.Program } = {}): Promise<PackageBuild> {
  mkdirSync(DIST, { recursive: true });
  const staging = mkdtempSync(join(DIST, '.package-'));
  const declarations = mkdtempSync(join(tmpdir(), 'pachca-declarations-'));
  try {
    emitDeclarations(declarations, program ?? declarationProgram());
    const builds = [
      ...sdkBuilds(staging, declarations),
      ...mswBuilds(staging, declarations),
      cliBuild(staging),
      emulatorBuild(staging),
    ];
    const building = Promise.all(builds.map((options) => build(options)));
    writeBundledSpec(join(staging, SPEC_DIR));
    await building;
    for (const types of ['index', 'msw']) copyFileSync(join(staging, `${types}.d.ts`), join(staging, `${types}.d.cts`));
    // Files an earlier build wrote but this one did not (an old chunk) must not ship.
    const built = readdirSync(staging);
    for (const old of readdirSync(DIST).filter((name) => PACKAGE_FILES.test(name) && !built.includes(name))) {
      rmSync(join(DIST, old), { force: true });
    }
    rmSync(join(DIST, SPEC_DIR), { recursive: true, force: true });
    for (const name of built) renameSync(join(staging, name), join(DIST, name));
    return { files: built.sort() };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(declarations, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const { files } = await buildPackage();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`dist/: ${files.join(', ')} (${seconds} s)`);
}
