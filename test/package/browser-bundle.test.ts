// What a browser app gets from `import { Pachca }`: esbuild bundles src/index.ts for the browser
// platform (where a Node builtin fails the build), with code splitting as an app's bundler does.
// No chunk may hold the CLI or a Node-only module — except `node:fs/promises`, imported lazily by
// the upload chunk, which is itself loaded only on first use — and the chunks loaded up front for
// `users.get` (each gzipped on its own) must stay within the gzip budget. Sizes are deterministic
// for a given source and esbuild version.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, BUNDLE_CEILING_BYTES, bundleForBrowser, kb, LAZY_NODE_MODULES, type BrowserBundle } from '../../scripts/lib/browser-bundle.js';

let bundle: BrowserBundle;

beforeAll(async () => {
  bundle = await bundleForBrowser();
});

describe('browser bundle of `import { Pachca }` + users.get', () => {
  it('imports no Node module but the lazy node:fs/promises, and that one only dynamically, from a chunk loaded on demand', () => {
    expect(bundle.imports).toEqual(LAZY_NODE_MODULES.map((path) => ({ path, kind: 'dynamic-import' })));
    const importingFs = bundle.chunks.filter(({ code }) => code.includes('import("node:fs/promises")'));
    expect(importingFs.map(({ upFront }) => upFront)).toEqual([false]);
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

  // The goal is BUNDLE_BUDGET_BYTES (6 KB), which the SDK misses today; this guards the
  // current size so it can only shrink towards the goal. `npm run bench` reports the gap.
  it(`loads at most ${kb(BUNDLE_CEILING_BYTES)} of gzip up front (goal ${kb(BUNDLE_BUDGET_BYTES)}, not met yet)`, () => {
    const biggest = bundle.inputs
      .slice(0, 5)
      .map(({ path, bytes }) => `${path} ${bytes} B`)
      .join(', ');
    expect(
      bundle.gzipBytes,
      `${kb(bundle.gzipBytes)} gzip (${bundle.minifiedBytes} B minified) loaded up front is over the ${kb(BUNDLE_CEILING_BYTES)} ceiling; biggest minified inputs: ${biggest}`,
    ).toBeLessThanOrEqual(BUNDLE_CEILING_BYTES);
  });
});
