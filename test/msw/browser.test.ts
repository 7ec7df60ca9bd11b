// pachca-sdk/msw in headless chromium: a page built from the package's entry points (the SDK and
// pachca-sdk/msw, bundled by esbuild as an app's bundler would) runs `setupWorker(...handlers())`, with
// MSW's service worker from `msw init` served from the page's own 127.0.0.1 origin. No mock server
// runs and chromium resolves no host but 127.0.0.1, so the answers can only come from the worker.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mswOperations } from '../../generated/msw.js';
import { ROOT } from '../../scripts/lib/spec.js';
import { type OpenedMswPage, openMswPage } from '../support/msw-page.js';

let opened: OpenedMswPage | undefined;
let page: Page;
let problems: string[];
let pageUrl: string;

beforeAll(async () => {
  opened = await openMswPage(join(ROOT, 'test/msw/page'));
  ({ page, problems, url: pageUrl } = opened);
}, 30_000);

afterAll(() => opened?.close());

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
