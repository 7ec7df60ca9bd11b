// A persisted pachca-sdk/msw workspace in headless Chromium: the page starts
// `setupWorker(...createWorkspace({ persist: 'sessionStorage' }).handlers)`, the SDK creates a user
// (and uploads an avatar that an <img> then shows, as it shows a seeded one), the page reloads
// and the user is still found, then a reset and another reload and the user is gone. No mock
// server runs and Chromium resolves no host but 127.0.0.1, so every answer comes from the worker
// and what survives comes from storage.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBaseUrl } from '../../generated/msw.js';
import { ROOT } from '../../scripts/lib/spec.js';
import { type OpenedMswPage, openMswPage } from '../support/msw-page.js';

let opened: OpenedMswPage | undefined;
let page: Page;
let problems: string[];
let pageUrl: string;

beforeAll(async () => {
  opened = await openMswPage(join(ROOT, 'test/msw/workspace-page'));
  ({ page, problems, url: pageUrl } = opened);
}, 30_000);

afterAll(() => opened?.close());

const findUsers = (query: string) => page.evaluate((q) => window.workspacePage.findUsers(q), query);

describe('a persisted workspace in headless chromium', () => {
  it('keeps a created user across a reload, and loses it on reset', async () => {
    const email = `browser.${Date.now()}@example.com`;
    await page.goto(pageUrl);
    expect(await page.evaluate(() => window.workspacePage.controlled())).toBe(
      new URL('/mockServiceWorker.js', pageUrl).href,
    );
    expect(await findUsers(email)).toEqual([]);
    const created = await page.evaluate((e) => window.workspacePage.createUser(e), email);
    expect(created.imageUrl.startsWith(`${defaultBaseUrl}/__emulator/avatars/`)).toBe(true);
    const seeded = await page.evaluate(() => window.workspacePage.profileImageUrl());
    expect(seeded).toMatch(/\/__emulator\/avatars\/seed-12-\d+\.svg$/);
    expect(await page.evaluate((url) => window.workspacePage.imageWidth(url), seeded!)).toBe(128);

    await page.reload();
    expect(await findUsers(email)).toEqual([created.id]);
    expect(await page.evaluate((url) => window.workspacePage.imageWidth(url), created.imageUrl)).toBe(1);
    expect(await page.evaluate(() => window.workspacePage.storedKeys())).toEqual([
      `pachca-sdk/msw:workspace:v1:${defaultBaseUrl}`,
    ]);

    await page.evaluate(() => window.workspacePage.reset());
    await page.reload();
    expect(await findUsers(email)).toEqual([]);
    expect(await page.evaluate((url) => window.workspacePage.imageWidth(url), created.imageUrl)).toBe(
      `failed to load ${created.imageUrl}`,
    );
    // Chromium logs the one failed load asked for; nothing else went wrong.
    expect(problems).toEqual([expect.stringMatching(/status of 404 .*\/__emulator\/avatars\//)]);
  }, 30_000);
});
