// What a browser app gets from `import { Pachca }`: esbuild bundles src/index.ts for the browser
// platform (where a Node builtin fails the build), and the result must stay free of the CLI and
// of Node-only modules — except `node:fs/promises`, loaded lazily for file-path uploads — and
// within the gzip budget. Sizes are deterministic for a given source and esbuild version.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, bundleForBrowser, kb, LAZY_NODE_MODULES, type BrowserBundle } from '../../scripts/lib/browser-bundle.js';

let bundle: BrowserBundle;

beforeAll(async () => {
  bundle = await bundleForBrowser();
});

describe('browser bundle of `import { Pachca }` + users.get', () => {
  it('imports no Node module but the lazy node:fs/promises, and that one only dynamically', () => {
    expect(bundle.imports).toEqual(LAZY_NODE_MODULES.map((path) => ({ path, kind: 'dynamic-import' })));
    expect(bundle.code).toContain('import("node:fs/promises")');
  });

  it('contains neither the CLI nor its dependencies', () => {
    const cliCode = bundle.inputs.filter(({ path }) => /(^|\/)src\/cli\/|node_modules\/(commander|cli-table3|yaml|@inquirer)\//.test(path));
    expect(cliCode).toEqual([]);
  });

  it(`stays within the ${kb(BUNDLE_BUDGET_BYTES)} gzip budget`, () => {
    const biggest = bundle.inputs
      .slice(0, 5)
      .map(({ path, bytes }) => `${path} ${bytes} B`)
      .join(', ');
    expect(
      bundle.gzipBytes,
      `${kb(bundle.gzipBytes)} gzip (${bundle.minifiedBytes} B minified) is over the ${kb(BUNDLE_BUDGET_BYTES)} budget; biggest minified inputs: ${biggest}`,
    ).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });
});
