// The API docs as a person gets them: built by `npm run build:docs`, served by the static server
// `npm start` uses, opened in Debian's headless chromium with every host but 127.0.0.1 unreachable.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocs, DIST, type DocsBuild } from '../../scripts/build-docs.js';
import { sdkSample } from '../../scripts/lib/code-samples.js';
import { externalResources } from '../../scripts/lib/offline-html.js';
import { dereference } from '../../scripts/lib/dereference.js';
import { listOperations, type Operation, type Spec } from '../../scripts/lib/spec.js';
import { specOperations } from '../support/spec.js';
import { serveStatic } from '../../scripts/lib/static-server.js';
import { findChromium, HeadlessPage } from './chromium.js';
import { decodePng, inkRatio } from './png.js';

const chromium = findChromium();
if (!chromium) {
  console.warn(
    'test/docs: SKIPPING the browser test: no chromium on PATH. `.ci/run` installs it with ' +
      '`apt-get install -y chromium`; that step failed or apt-get is not available here.',
  );
}

const browserPage = () => {
  if (!page) throw new Error('chromium did not start');
  return page;
};

let build: DocsBuild;
let server: Server;
let docsUrl: string;
let page: HeadlessPage | undefined;
/** The operations as published in dist/openapi.json (test/spec pins the source to the API's documented contract). */
let operations: Operation[];

beforeAll(async () => {
  // The browser starts while the docs build.
  [build, page] = await Promise.all([
    buildDocs(),
    chromium ? HeadlessPage.launch(chromium, { width: 1280, height: 1000 }) : undefined,
  ]);
  operations = listOperations(dereference(JSON.parse(readFileSync(build.json, 'utf8')) as Spec));
  server = await serveStatic(DIST, { host: '127.0.0.1', port: 0, home: '/docs/' });
  docsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/`;
}, 30_000);

afterAll(async () => {
  await page?.close();
  server?.closeAllConnections();
  server?.close();
});

describe('the built docs', () => {
  it('load nothing from the network (checked in the HTML)', () => {
    expect(externalResources(readFileSync(build.html, 'utf8'))).toEqual([]);
    // What the check catches; a plain link is not a load.
    const online = [
      '<script src="https://cdn.redocly.com/redoc.js"></script>',
      '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">',
      '<style>@font-face { src: url(https://fonts.gstatic.com/r.woff2) }</style>',
      '<a href="https://pachca.com">Pachca</a>',
    ].join('\n');
    expect(externalResources(online)).toEqual([
      'https://cdn.redocly.com/redoc.js',
      '//fonts.googleapis.com/css?family=Roboto',
      'https://fonts.gstatic.com/r.woff2',
    ]);
  });

  it('publish the bundled spec beside them, every operation with SDK, CLI and curl samples', () => {
    const fromJson = JSON.parse(readFileSync(build.json, 'utf8')) as Spec;
    expect(parse(readFileSync(build.yaml, 'utf8'))).toEqual(fromJson);
    const published = listOperations(fromJson);
    const ids = (ops: Operation[]) => ops.map((op) => op.operationId).sort();
    expect(ids(published)).toEqual(ids(specOperations()));
    for (const op of published) {
      const samples = op['x-codeSamples' as keyof Operation] as { label: string; source: string }[];
      expect(samples.map((s) => s.label), op.operationId).toEqual(['TypeScript SDK', 'CLI', 'curl']);
      expect(samples[0]!.source).toContain(`client.${op['x-sdk-method']}(`);
      expect(samples[1]!.source.startsWith(`pachca ${op['x-cli-command']}`), op.operationId).toBe(true);
    }
  });
});

describe('the static docs server', () => {
  const status = async (path: string) =>
    (await fetch(new URL(path, docsUrl), { redirect: 'manual', signal: AbortSignal.timeout(5000) })).status;

  it('serves the page and the spec, redirects / to the docs', async () => {
    expect(await status('/docs/')).toBe(200);
    expect(await status('/openapi.yaml')).toBe(200);
    expect(await status('/openapi.json')).toBe(200);
    expect(await status('/')).toBe(302);
  });

  it('serves nothing outside dist/', async () => {
    for (const path of ['/%2e%2e/package.json', '/..%2fpackage.json', '/docs/..%2f..%2fpackage.json', '/nope.html']) {
      expect(await status(path), path).toBe(404);
    }
  });
});

// Each browser step is bounded in test/docs/chromium.ts; a test may take several under load.
describe.skipIf(!chromium)('in headless chromium, with no network', { timeout: 90_000 }, () => {
  it('shows every operation summary and the TypeScript SDK sample, without errors', async () => {
    const page = browserPage();
    await page.goto(docsUrl);
    // Redoc renders one tag at a time: visit each tag's page and keep what it shows. The first
    // operation of a tag shows its code sample, the TypeScript SDK tab first.
    const tagNames = [...new Set(operations.map((op) => op.tags[0]!))];
    const visits = tagNames.map((name) => {
      const ops = operations.filter((op) => op.tags[0] === name);
      return { hash: `#/${name.toLowerCase().replace(/\s+/g, '-')}`, waitFor: [...ops.map((op) => op.summary), sdkSample(ops[0]!)] };
    });
    const seen = await page.evaluate<string[]>(`(async () => {
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const seen = [];
      for (const { hash, waitFor } of ${JSON.stringify(visits)}) {
        location.hash = hash;
        for (let i = 0; i < 100 && !waitFor.every((s) => document.body.innerText.includes(s)); i++) await sleep(50);
        seen.push(document.body.innerText);
      }
      return seen;
    })()`, { timeoutMs: 25_000 });
    writeFileSync(join(DIST, 'docs-dom.html'), await page.evaluate<string>('document.documentElement.outerHTML'));

    const allText = seen.join('\n');
    const missing = operations.map((op) => op.summary).filter((summary) => !allText.includes(summary));
    expect(missing).toEqual([]);
    expect(operations).toHaveLength(specOperations().length);

    const usersPage = seen[tagNames.indexOf('Users')]!;
    expect(usersPage).toContain('TypeScript SDK');
    expect(usersPage).toContain('const page = await client.users.list({ limit: 50 });');
    for (const [i, name] of tagNames.entries()) {
      const first = operations.find((op) => op.tags[0] === name)!;
      expect(seen[i], `${name}: the SDK sample of ${first.operationId}`).toContain(sdkSample(first));
    }
    expect(page.problems()).toEqual([]);
  }, 30_000);

  it('renders a page that is not blank (screenshot in dist/docs-screenshot.png)', async () => {
    const page = browserPage();
    const shot = await page.screenshot();
    writeFileSync(join(DIST, 'docs-screenshot.png'), shot);
    const rendered = decodePng(shot);
    expect(rendered.width).toBe(1280);
    expect(inkRatio(rendered)).toBeGreaterThan(0.05);

    // The same measure on an empty page, so the check above can fail.
    await page.goto('about:blank');
    expect(inkRatio(decodePng(await page.screenshot()))).toBeLessThan(0.001);
  }, 15_000);
});
