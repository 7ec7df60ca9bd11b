// What a browser app gets from `import { Pachca }`: esbuild bundles src/index.ts for the browser
// platform (where a Node builtin fails the build) with the browser build's variants, and code
// splitting as an app's bundler does. No chunk may hold the CLI or any Node module, and the chunks
// loaded up front for `users.get` (each gzipped on its own) must stay within the gzip ceiling.
// Sizes are deterministic for a given source and esbuild version.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_BUDGET_BYTES,
  BUNDLE_CEILING_BYTES,
  bundleForBrowser,
  kb,
  type BrowserBundle,
} from '../../scripts/lib/browser-bundle.js';

let bundle: BrowserBundle;

beforeAll(async () => {
  bundle = await bundleForBrowser();
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

  // The goal is BUNDLE_BUDGET_BYTES (5.5 KB), which the SDK misses today; this guards the
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
