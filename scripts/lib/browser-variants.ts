// The one difference between the browser build and Node's: a relative import of `x.js` whose
// source has a sibling `x.browser.ts` resolves to that sibling. src/core/upload-path.ts reads
// files with `node:fs`; its browser variant rejects paths, so nothing a browser bundler resolves
// through the package's `browser` export condition names a Node module. Used by the package
// build and by the bundle-size measurement, so both see the same browser code.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';

export const browserVariants: Plugin = {
  name: 'browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, resolveDir }) => {
      const variant = resolve(resolveDir, path.replace(/\.js$/, '.browser.ts'));
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};
