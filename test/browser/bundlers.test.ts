// The package from a frontend developer's seat: the packed tarball installed into scratch apps
// built by esbuild, webpack, Vite and Rollup with their defaults (test/browser/scratch-apps.ts),
// each served on its own 127.0.0.1 port and opened in headless chromium. The page calls the Prism
// mock on another port, so every request is cross-origin (CORS), and writes what the SDK
// returned or threw into the DOM, where the test reads it back.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/lib/static-server.js';
import type { Browser, Page } from 'playwright-core';
import { isolatedContext, launchBrowser } from '../support/browser.js';
import { mockUrl } from '../support/mock.js';
import { installedProject } from '../support/installed-project.js';
import { recordProblems } from '../support/page-problems.js';
import { EXPECTED_RESULTS } from './expected-results.js';
import { buildApp, type AppBuild, type BundlerName } from './scratch-apps.js';

const HOST = '127.0.0.1';
// The quickest builds first, so their pages are checked while webpack still minifies.
const NAMES: BundlerName[] = ['esbuild', 'rollup', 'vite', 'webpack'];

let project: string;
let launching: Promise<Browser> | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
/** Each app's build, then its server: started together, awaited by each bundler's tests in turn. */
const apps = new Map<BundlerName, Promise<{ build: AppBuild; server?: Server; site?: string }>>();

async function buildAndServe(name: BundlerName) {
  const build = await buildApp(project, name);
  if (build.code !== 0) return { build };
  const server = await serveStatic(build.dist, { host: HOST, port: 0, home: '/index.html' });
  return { build, server, site: `http://${HOST}:${(server.address() as AddressInfo).port}/index.html` };
}

beforeAll(async () => {
  launching = launchBrowser();
  launching.catch(() => undefined); // awaited below; closed in afterAll even if a step fails first
  // The apps are folders of the project the install test uses: pachca-sdk and openapi-fetch
  // installed from the tarball (openapi-fetch from the npm cache `npm ci` filled).
  project = await installedProject();
  // The four builds run side by side, and the first app is opened while the others still build.
  for (const name of NAMES) apps.set(name, buildAndServe(name));
  page = await (await isolatedContext(await launching)).newPage();
  pageProblems = recordProblems(page);
}, 90_000);

afterAll(async () => {
  await (await launching?.catch(() => undefined))?.close();
  const servers = (await Promise.all(apps.values())).flatMap(({ server }) => (server ? [server] : []));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (project) for (const name of NAMES) rmSync(join(project, name), { recursive: true, force: true });
}, 60_000);

// Any warning (esbuild's ▲ [WARNING], webpack's WARNING in, Vite's externalized-for-browser
// notice, Rollup's (!)) or a mention of a Node module is a problem for a zero-config build.
const WARNING = /warn|\(!\)|node:|externali[sz]|polyfill|built-?in module|fs\/promises/i;

describe.each(NAMES)('%s, default settings', (bundler) => {
  it('builds the app without a warning', { timeout: 60_000 }, async () => {
    const { code, output } = (await apps.get(bundler)!).build;
    expect(code, output).toBe(0);
    expect(output.split('\n').filter((line) => WARNING.test(line))).toEqual([]);
  });

  it('bundles no import of a Node module', { timeout: 60_000 }, async () => {
    const { dist } = (await apps.get(bundler)!).build;
    const scripts = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((file) => /["']node:/.test(readFileSync(join(dist, file), 'utf8')))).toEqual([]);
  });

  describe('in headless chromium, calling the mock on another origin', () => {
    let results: Record<string, unknown>;
    let problems: string[];

    beforeAll(async () => {
      const { site } = await apps.get(bundler)!;
      if (!site || !page) throw new Error(`${bundler}: the app did not build, so there is no page to open`);
      const api = mockUrl();
      expect(new URL(site).origin).not.toBe(new URL(api).origin);
      const seen = pageProblems.length;
      await page.goto(`${site}?api=${encodeURIComponent(api)}`);
      const written = page.locator('#results[data-done]');
      await written.waitFor({ state: 'attached', timeout: 15_000 }).catch(() => {
        throw new Error(`${bundler}: the page wrote no results within 15 s`);
      });
      results = JSON.parse((await written.textContent()) ?? '');
      // Chromium logs every 4xx response as an error; the one 404 the page asks for is expected.
      problems = pageProblems.slice(seen).filter((problem) => !/status of 404 .*\/users\/404$/.test(problem));
    }, 60_000);

    it('runs every check of the page', () => {
      expect(Object.keys(results).sort()).toEqual(Object.keys(EXPECTED_RESULTS).sort());
    });

    it.each(Object.entries(EXPECTED_RESULTS).map(([name, { shows, result }]) => [shows, name, result]))(
      '%s (%s)',
      (_, name, result) => {
        expect(results[name as string]).toEqual(result);
      },
    );

    it('logs no error but the 404 it asked for (no CORS failure, no exception)', () => {
      expect(problems).toEqual([]);
    });
  });
});
