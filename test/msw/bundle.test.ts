// pachca-sdk/msw stays out of what a browser app gets from `import { Pachca }`: no chunk of that
// bundle (up front or lazy) holds the MSW handlers, their generated table or msw itself, so they
// count nothing against the bundle's size budget (test/package/browser-bundle.test.ts).
import { expect, it } from 'vitest';
import { bundleForBrowser } from '../../scripts/lib/browser-bundle.js';

it('the browser bundle of `import { Pachca }` holds nothing of pachca-sdk/msw or msw', async () => {
  const { chunks } = await bundleForBrowser();
  const inputs = chunks.flatMap((chunk) => chunk.inputs);
  expect(inputs.length).toBeGreaterThan(0);
  expect(
    inputs.filter((path) => /(^|\/)(src\/msw\/|generated\/msw\.ts$|node_modules\/(msw|@mswjs)\/)/.test(path)),
  ).toEqual([]);
});
