// Bundle size: what `import { Pachca }` + `users.get` adds to a browser app, minified and gzipped
// by esbuild, against the 5.5 KB goal (until it is met, test/package/browser-bundle.test.ts
// enforces a ceiling); with the SDK's own share (openapi-fetch left out) and the biggest inputs,
// so growth has a name.
import { BUNDLE_BUDGET_BYTES, bundleForBrowser, kb } from '../scripts/lib/browser-bundle.js';
import { isMain, printTable, saveResult } from './lib/report.js';

export async function runBundleSize() {
  const [full, own] = await Promise.all([bundleForBrowser(), bundleForBrowser({ withoutDependencies: true })]);
  const result = {
    gzipBytes: full.gzipBytes,
    minifiedBytes: full.minifiedBytes,
    budgetBytes: BUNDLE_BUDGET_BYTES,
    sdkOnlyGzipBytes: own.gzipBytes,
    dependenciesGzipBytes: full.gzipBytes - own.gzipBytes,
    imports: full.imports,
    inputs: full.inputs,
    onDemandChunks: full.chunks
      .filter(({ upFront }) => !upFront)
      .map(({ file, inputs, gzipBytes }) => ({ file, inputs, gzipBytes })),
  };
  printTable('Bundle size: esbuild --minify --splitting, platform browser, gzip -9 of the chunks loaded up front', [
    {
      metric: 'bundle (gzip)',
      value: kb(full.gzipBytes),
      goal: `≤ ${kb(BUNDLE_BUDGET_BYTES)}`,
      ok: full.gzipBytes <= BUNDLE_BUDGET_BYTES,
    },
    { metric: 'bundle (minified)', value: kb(full.minifiedBytes) },
    { metric: '  SDK code alone (gzip)', value: kb(own.gzipBytes) },
    { metric: '  openapi-fetch (gzip, difference)', value: kb(full.gzipBytes - own.gzipBytes) },
    ...full.inputs.slice(0, 8).map(({ path, bytes }) => ({ metric: `  ${path}`, value: `${bytes} B minified` })),
    ...full.chunks
      .filter(({ upFront }) => !upFront)
      .map(({ file, gzipBytes }) => ({ metric: `on demand: ${file}`, value: `${kb(gzipBytes)} gzip` })),
  ]);
  saveResult('bundle-size', result);
  return result;
}

if (isMain(import.meta.url)) await runBundleSize();
