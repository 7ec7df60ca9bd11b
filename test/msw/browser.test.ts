// pachca-sdk/msw in headless chromium: a page built from the package's entry points (the SDK and
// pachca-sdk/msw, bundled by esbuild as an app's bundler would) runs `setupWorker(...handlers())`, with
// MSW's service worker from `msw init` served from the page's own 127.0.0.1 origin. No mock server
// runs and chromium resolves no host but 127.0.0.1, so the answers can only come from the worker.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserVariants } from '../../scripts/lib/browser-variants.js';
import { ROOT } from '../../scripts/lib/spec.js';
import { mswOperations } from '../../generated/msw.js';
import { serveStatic } from '../../scripts/lib/static-server.js';
import type { Browser, Page } from 'playwright-core';
import { isolatedContext, launchBrowser } from '../support/browser.js';
import { recordProblems } from '../support/page-problems.js';

const PAGE = join(ROOT, 'test/msw/page');
let dir: string;
let server: Server | undefined;
let launching: Promise<Browser> | undefined;
let page: Page;
let problems: string[];
let pageUrl: string;

/** The page's script, bundled for the browser with the package's two entry points. */
function buildApp(outdir: string) {
  return build({
    entryPoints: [join(PAGE, 'app.ts'), join(PAGE, 'index.html')],
    loader: { '.html': 'copy' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // The browser variants of Node-only modules, as the package's `browser` build has them.
    plugins: [browserVariants],
    logLevel: 'silent',
  });
}

/** MSW's service worker script in the app's public directory, by `msw init` as an app would. */
function mswInit(app: string) {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'msw-page', private: true }));
  return promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/msw/cli/index.js'), 'init', 'public', '--no-save'],
    {
      cwd: app,
      timeout: 20_000,
    },
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pachca-msw-page-'));
  // The browser starts while the page builds.
  launching = launchBrowser();
  launching.catch(() => undefined); // awaited below; closed in afterAll even if a build fails first
  await Promise.all([buildApp(join(dir, 'public')), mswInit(dir)]);
  page = await (await isolatedContext(await launching)).newPage();
  problems = recordProblems(page);
  server = await serveStatic(join(dir, 'public'), { host: '127.0.0.1', port: 0, home: '/index.html' });
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
}, 30_000);

afterAll(async () => {
  await (await launching?.catch(() => undefined))?.close();
  server?.closeAllConnections();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The first example of an operation's response (test/msw/operations.test.ts checks them against the spec). */
function specExample(operationId: keyof typeof mswOperations, status: number): { data: unknown } {
  const responses = mswOperations[operationId].responses as Record<number, { examples?: Record<string, unknown> }>;
  return Object.values(responses[status]!.examples!)[0] as { data: unknown };
}

describe('pachca-sdk/msw in headless chromium, with no mock server', () => {
  it('answers the SDK from setupWorker(...handlers()) with the spec examples', async () => {
    await page.goto(pageUrl);
    const result = (await page.evaluate('window.runChecks()')) as Record<string, unknown>;

    expect(result.controlled).toBe(new URL('/mockServiceWorker.js', pageUrl).href);
    expect(result.profile).toEqual(specExample('getProfile', 200).data);
    expect(result.users).toEqual((specExample('listUsers', 200).data as { id: number }[]).map((user) => user.id));
    expect(result.tag).toEqual(specExample('createGroupTag', 201).data);
    expect(result.notFound).toEqual({ typed: true, status: 404, body: specExample('getUser', 404) });
    expect(result.invalid).toEqual({ typed: true, keys: ['user.email'] });
    expect(result.avatar).toEqual(specExample('updateProfileAvatar', 200).data);
    expect(result.deleted).toBe('undefined');
    // Chromium logs every 4xx answer; these two were asked for, and nothing else went wrong.
    expect(problems).toEqual([
      expect.stringMatching(/status of 404 .* https:\/\/api\.pachca\.com\/api\/shared\/v1\/users\/404404$/),
      expect.stringMatching(/status of 422 .* https:\/\/api\.pachca\.com\/api\/shared\/v1\/users$/),
    ]);
  }, 30_000);
});
