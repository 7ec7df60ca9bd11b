// Vitest global setup: one headless Chromium for the whole run, started as a Playwright browser
// server. Every browser suite connects to it (launchBrowser() in test/support/browser.ts) and
// opens its own isolated context, instead of each starting and stopping a Chromium of its own.
// A missing Chromium is not an error here: the suites that need it fail saying how to install it.
import { existsSync } from 'node:fs';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint; '' when Chromium is not installed. */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: BrowserServer | undefined;
  if (existsSync(CHROMIUM_PATH)) {
    server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, host: '127.0.0.1' });
  }
  // As in prism.ts: on a signal vitest skips teardowns, so the browser is killed here.
  const onSignal = (signal: NodeJS.Signals) => {
    void server?.kill();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  project.provide('browserEndpoint', server?.wsEndpoint() ?? '');
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.close();
  };
}
