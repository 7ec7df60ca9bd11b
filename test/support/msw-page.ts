// A page that uses pachca-sdk/msw in a browser, served as an app would serve it: its app.ts and
// index.html bundled by esbuild for the browser (with the browser variants of Node-only modules,
// as the package's browser build has them), and MSW's service worker from `msw init` in the same
// public directory, on a 127.0.0.1 origin of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { browserVariants } from '../../scripts/lib/browser-variants.js';
import { ROOT } from '../../scripts/lib/spec.js';
import { serveStatic } from '../../scripts/lib/static-server.js';
import { isolatedContext, launchBrowser } from './browser.js';
import { recordProblems } from './page-problems.js';

export interface ServedPage {
  /** The page's URL, e.g. http://127.0.0.1:40123/index.html */
  url: string;
  close(): void;
}

/** The page's script, bundled for the browser with the package's entry points. */
function buildApp(page: string, outdir: string) {
  return build({
    entryPoints: [join(page, 'app.ts'), join(page, 'index.html')],
    loader: { '.html': 'copy' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
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
    { cwd: app, timeout: 20_000 },
  );
}

/** Builds the page in `page` (a folder with app.ts and index.html) into a temporary app and serves it. */
export async function serveMswPage(page: string): Promise<ServedPage> {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-msw-page-'));
  try {
    await Promise.all([buildApp(page, join(dir, 'public')), mswInit(dir)]);
    const server = await serveStatic(join(dir, 'public'), { host: '127.0.0.1', port: 0, home: '/index.html' });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`,
      close() {
        server.closeAllConnections();
        server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface OpenedMswPage {
  /** The served page's URL. */
  url: string;
  /** A tab in its own browser context, not yet at `url`. */
  page: Page;
  /** What the tab reported going wrong (page-problems.ts). */
  problems: string[];
  close(): Promise<void>;
}

/** Serves the page in `page` and opens a Chromium tab for it; the browser starts while the page builds. */
export async function openMswPage(page: string): Promise<OpenedMswPage> {
  const launching = launchBrowser();
  launching.catch(() => undefined); // awaited below, and closed even if the build fails first
  let served: ServedPage | undefined;
  try {
    served = await serveMswPage(page);
    const tab = await (await isolatedContext(await launching)).newPage();
    const opened = served;
    return {
      url: opened.url,
      page: tab,
      problems: recordProblems(tab),
      async close() {
        await (await launching).close();
        opened.close();
      },
    };
  } catch (error) {
    await (await launching.catch(() => undefined))?.close();
    served?.close();
    throw error;
  }
}
