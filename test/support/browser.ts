// One way to open Debian's headless Chromium in tests: playwright-core driving /usr/bin/chromium
// (no browser download), shared by the whole run. Every host but 127.0.0.1 is unreachable, so a page that needs the network
// fails instead of quietly passing on a developer's connected machine.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

/**
 * The run's shared headless Chromium (test/setup/browser.ts), or a new one when the run has none;
 * a missing binary is an error that says how to install it. close() on the shared one only
 * disconnects this suite.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does)`);
  const endpoint = inject('browserEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** A fresh context (own storage, 1280×1000 viewport) that refuses every request off 127.0.0.1. */
export async function isolatedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('internetdisconnected'),
  );
  return context;
}
