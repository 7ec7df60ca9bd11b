// Bundle size: what `import { Pachca }` + `users.get` adds to a browser app, minified and gzipped
// by esbuild: the runtime (against its ceiling, which test/package/browser-bundle.test.ts
// enforces) apart from the operation table (bytes per operation), with the SDK's own share
// (openapi-fetch left out) and the biggest inputs, so growth has a name.
import { bundleForBrowser, kb, measureRuntime, RUNTIME_CEILING_BYTES } from '../scripts/lib/browser-bundle.js';
import { isMain, printTable, saveResult } from './lib/report.js';

export async function runBundleSize() {
  const [full, own] = await Promise.all([bundleForBrowser(), bundleForBrowser({ withoutDependencies: true })]);
  const { runtime: _, ...split } = await measureRuntime(full);
  const result = {
    gzipBytes: full.gzipBytes,
    minifiedBytes: full.minifiedBytes,
    ...split,
    runtimeCeilingBytes: RUNTIME_CEILING_BYTES,
    sdkOnlyGzipBytes: own.gzipBytes,
    dependenciesGzipBytes: full.gzipBytes - own.gzipBytes,
    imports: full.imports,
    inputs: full.inputs,
    onDemandChunks: full.chunks
      .filter(({ upFront }) => !upFront)
      .map(({ file, inputs, gzipBytes }) => ({ file, inputs, gzipBytes })),
  };
  printTable('Bundle size: esbuild --minify --splitting, platform browser, gzip -9 of the chunks loaded up front', [
    { metric: 'bundle (gzip)', value: kb(full.gzipBytes) },
    {
      metric: '  runtime (an empty operation table)',
      value: `${split.runtimeGzipBytes} B`,
      goal: `≤ ${RUNTIME_CEILING_BYTES} B`,
      ok: split.runtimeGzipBytes <= RUNTIME_CEILING_BYTES,
    },
    {
      metric: '  operation table',
      value: `${split.tableGzipBytes} B = ${split.tableGzipBytesPerOperation.toFixed(1)} B × ${split.operations} operations`,
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
