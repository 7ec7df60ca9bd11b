// What a browser app gets from `import { Pachca }`: esbuild bundles src/index.ts for the browser
// platform (where a Node builtin fails the build) with the browser build's variants, and code
// splitting as an app's bundler does. No chunk may hold the CLI or any Node module, and the
// runtime loaded up front for `users.get` (each chunk gzipped on its own, the operation table left
// out) must stay within its ceiling; the table is reported per operation, so a new operation does
// not fail here. Sizes are deterministic for a given source and esbuild version.
import { beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import {
  type BrowserBundle,
  bundleForBrowser,
  kb,
  measureRuntime,
  RUNTIME_CEILING_BYTES,
  type RuntimeAndTable,
} from '../../scripts/lib/browser-bundle.js';

let bundle: BrowserBundle;
let split: RuntimeAndTable;

beforeAll(async () => {
  bundle = await bundleForBrowser();
  split = await measureRuntime(bundle);
});

describe('browser bundle of `import { Pachca }` + users.get', () => {
  it('imports no module from outside the bundle: no Node builtin, not even in the upload chunk', () => {
    expect(bundle.imports).toEqual([]);
    expect(bundle.chunks.filter(({ code }) => /\bnode:/.test(code)).map(({ file }) => file)).toEqual([]);
  });

  it('reads no file paths: the upload chunk holds the browser variant', () => {
    const inputs = bundle.chunks.flatMap((chunk) => chunk.inputs);
    expect(inputs).toContain('src/core/upload-path.browser.ts');
    expect(inputs).not.toContain('src/core/upload-path.ts');
  });

  it('loads the upload code only on first use', () => {
    const uploads = bundle.chunks.filter(({ inputs }) => inputs.includes('src/core/uploads.ts'));
    expect(uploads.map(({ upFront }) => upFront)).toEqual([false]);
    expect(bundle.chunks[0]?.upFront).toBe(true);
  });

  it('contains neither the CLI nor its dependencies, in any chunk', () => {
    const cliCode = bundle.chunks
      .flatMap(({ inputs }) => inputs)
      .filter((path) => /(^|\/)src\/cli\/|node_modules\/(commander|cli-table3|yaml|@inquirer)\//.test(path));
    expect(cliCode).toEqual([]);
  });

  // The runtime's ceiling is its size when it was set, so it can only shrink.
  it(`loads at most ${kb(RUNTIME_CEILING_BYTES)} of runtime gzip up front, besides the operation table`, () => {
    const biggest = bundle.inputs
      .slice(0, 5)
      .map(({ path, bytes }) => `${path} ${bytes} B`)
      .join(', ');
    console.log(
      `browser bundle: ${kb(bundle.gzipBytes)} gzip up front = runtime ${split.runtimeGzipBytes} B + operation table ` +
        `${split.tableGzipBytes} B (${split.tableGzipBytesPerOperation.toFixed(1)} B per operation, ${split.operations} operations)`,
    );
    expect(
      split.runtimeGzipBytes,
      `the runtime loads ${split.runtimeGzipBytes} B of gzip up front, over its ${RUNTIME_CEILING_BYTES} B ceiling; biggest minified inputs: ${biggest}`,
    ).toBeLessThanOrEqual(RUNTIME_CEILING_BYTES);
  });

  it('measures the runtime without the operation table: no route is left in it', () => {
    const code = (b: BrowserBundle) => b.chunks.map((chunk) => chunk.code).join('\n');
    for (const { route } of Object.values(operations)) {
      expect(code(bundle)).toContain(route);
      expect(code(split.runtime)).not.toContain(route);
    }
    expect(split.tableGzipBytesPerOperation).toBeGreaterThan(0);
  });
});
