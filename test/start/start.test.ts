// `npm start` as a person runs it: spawned through npm, used with curl-like requests, its docs
// (English and Russian) opened in Debian's headless chromium through Playwright with every host but
// 127.0.0.1 unreachable, then stopped with SIGTERM. The docs are the ones `npm start` built and
// serves, so a run builds them once, and one browser serves every browser check.
// Free ports are picked so the test never meets another server on 4010/8080.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIST, docsFiles } from '../../scripts/build-docs.js';
import { codeSamples, SAMPLE_COMMENTS, sdkSample } from '../../scripts/lib/code-samples.js';
import { DOCS_LANGUAGES, type DocsLanguage, pagePath } from '../../scripts/lib/docs-languages.js';
import { dereference } from '../../scripts/lib/dereference.js';
import { externalResources } from '../../scripts/lib/offline-html.js';
import { type Overlay, translatedSummaries } from '../docs/overlay-targets.js';
import { freePort, isListening } from '../../scripts/lib/ports.js';
import { listOperations, type Operation, ROOT, type Spec } from '../../scripts/lib/spec.js';
import { isolatedContext, launchBrowser } from '../support/browser.js';
import { killGroup, type SpawnedGroup, spawnGroup } from '../support/process-group.js';
import { specOperations } from '../support/spec.js';
import { goToHash, headingInView, operationHash, tagSlug, visibleContent, watchProblems } from './redoc-page.js';

const HOST = '127.0.0.1';
// About 5 s on an idle 2-core machine (the target is under 20 s); the bound leaves room for a
// machine busy with the rest of the suite, so the test fails on a hang, not on a slow moment.
const READY_WITHIN_MS = 45_000;

/** Spawns `npm start` in its own process group, so teardown can reach everything it started. */
const npmStart = (args: string[], env: Record<string, string>): SpawnedGroup =>
  spawnGroup('npm', ['start', '--', ...args], { ...process.env, ...env });

async function waitFor(condition: () => boolean, timeoutMs: number, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Whether any process of the group `npm start` led is still running. */
function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * npm may exit before the `node` it started has finished stopping the mock, so give the group a
 * moment to empty out; anything still in it after `ms` is a leftover.
 */
async function groupGone(child: ChildProcess, ms = 5_000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (groupAlive(child)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** What `npm start` built into dist/. */
const build = {
  html: join(DIST, 'docs/index.html'),
  json: join(DIST, 'openapi.json'),
  yaml: join(DIST, 'openapi.yaml'),
};

let mockPort: number;
let docsPort: number;
let started: ReturnType<typeof npmStart>;
let mockUrl: string;
let docsUrl: string;
let browser: Browser | undefined;
let browserError: unknown;
/** The operations as published in dist/openapi.json (test/spec pins the source to the API's documented contract). */
let operations: Operation[];

const request = (path: string, init: RequestInit = {}) =>
  fetch(`${mockUrl}${path}`, { ...init, signal: AbortSignal.timeout(5000) });

/** A new page in a context of its own (no network but 127.0.0.1) of the one browser of this file. */
async function openPage(): Promise<{ page: Page; problems: string[]; context: BrowserContext }> {
  if (!browser) throw browserError ?? new Error('chromium did not start');
  const context = await isolatedContext(browser);
  // A step takes well under a second on an idle machine; the bound leaves room for a busy one.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { page, problems: watchProblems(page), context };
}

beforeAll(async () => {
  [mockPort, docsPort] = [await freePort(), await freePort()];
  mockUrl = `http://${HOST}:${mockPort}`;
  docsUrl = `http://${HOST}:${docsPort}/docs/`;
  started = npmStart([], { MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) });
  // The browser starts while npm start builds the docs; a failed launch fails the browser tests only.
  const launching = launchBrowser().then(
    (launched) => (browser = launched),
    (error: unknown) => (browserError = error),
  );
  await waitFor(
    () => started.output().includes('Press Ctrl-C to stop.') || exited(started.child),
    READY_WITHIN_MS,
    'npm start did not print both URLs',
    started.output,
  );
  operations = listOperations(dereference(JSON.parse(readFileSync(build.json, 'utf8')) as Spec));
  await launching;
}, READY_WITHIN_MS + 5000);

afterAll(async () => {
  await browser?.close();
  if (started && !exited(started.child)) killGroup(started.child);
});

describe('npm start', () => {
  it('prints the mock URL, the docs URL and a curl line to paste', () => {
    const output = started.output();
    expect(output).toContain(`Mock server  ${mockUrl}`);
    expect(output).toContain(`API docs     http://${HOST}:${docsPort}/docs/`);
    expect(output).toContain(`in Russian   http://${HOST}:${docsPort}/docs/ru/`);
    expect(output).toContain(`curl -H "Authorization: Bearer test-token" ${mockUrl}/profile`);
  });

  it('serves the emulator by default: the banner names the mode, the tokens and the control URL', async () => {
    const output = started.output();
    expect(output).toContain('Mode: emulator');
    expect(output).toMatch(/test-token\s+the owner/);
    expect(output).toContain(`Control: ${mockUrl}/__emulator/`);
    const journal = await request('/__emulator/requests');
    expect(journal.status).toBe(200);
  });

  it('mock: answers a request with the token from the spec example', async () => {
    const response = await request('/profile', { headers: { Authorization: 'Bearer test-token' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: number; nickname: string } };
    expect(body.data.id).toEqual(expect.any(Number));
    expect(body.data.nickname).toEqual(expect.any(String));
  });

  it('mock: 401 without a token', async () => {
    const response = await request('/profile');
    expect(response.status).toBe(401);
  });

  it('mock: 422 for a body that breaks the schema', async () => {
    const response = await request('/users/12', {
      method: 'PUT',
      headers: { Authorization: 'Bearer test-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { role: 'emperor' } }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: unknown[] };
    expect(body.errors.length).toBeGreaterThan(0);
  });

  it('mock: a page on another origin may call it (CORS preflight)', async () => {
    const origin = 'http://localhost:5173';
    const response = await request('/users/12', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
  it('docs: serves the page and the bundled spec', async () => {
    const page = await fetch(docsUrl, { signal: AbortSignal.timeout(5000) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Pachca public API');
    const spec = await fetch(`http://${HOST}:${docsPort}/openapi.json`, { signal: AbortSignal.timeout(5000) });
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('the docs it built', () => {
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
      expect(
        samples.map((s) => s.label),
        op.operationId,
      ).toEqual(['TypeScript SDK', 'CLI', 'curl']);
      expect(samples[0]!.source).toContain(`client.${op['x-sdk-method']}(`);
      expect(samples[1]!.source.startsWith(`pachca ${op['x-cli-command']}`), op.operationId).toBe(true);
    }
  });
});

describe('the docs server', () => {
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

/** Each docs language as `npm start` serves it: its page, its published bundle and its operations. */
function servedLanguages() {
  return DOCS_LANGUAGES.map((language) => {
    const bundle = JSON.parse(readFileSync(docsFiles(language).json, 'utf8')) as Spec;
    const url = `http://${HOST}:${docsPort}/${pagePath(language)}`;
    return { language, bundle, url, operations: listOperations(dereference(bundle)) };
  });
}

/** A sample with its comments named instead of written, so samples in two languages compare as code. */
function sampleCode(source: string, language: DocsLanguage): string {
  const comments = Object.entries(SAMPLE_COMMENTS[language.code]);
  return comments.reduce((code, [name, text]) => code.replaceAll(text, `<${name}>`), source);
}

const hasCyrillic = (text: string) => /\p{Script=Cyrillic}/u.test(text);

/** The operations whose summary a language's overlay translates (none for the English page). */
function translatedSummariesOf(language: DocsLanguage): Set<string> {
  if (!language.overlay) return new Set();
  const overlay = parse(readFileSync(join(ROOT, language.overlay), 'utf8')) as Overlay;
  const translated = translatedSummaries(overlay, operations);
  expect(translated.size, `${language.name}: no summary of the overlay names an operation`).toBeGreaterThan(0);
  return translated;
}

describe('the translated docs it built', () => {
  it('are served beside the English ones, offline, every operation with the same code samples', async () => {
    const english = specOperations();
    for (const { language, bundle, url, operations: translated } of servedLanguages().filter(
      (l) => l.language.overlay,
    )) {
      const files = docsFiles(language);
      expect(externalResources(readFileSync(files.html, 'utf8')), language.name).toEqual([]);
      expect((await fetch(url, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
      const spec = await fetch(`http://${HOST}:${docsPort}/${language.bundle}.json`, {
        signal: AbortSignal.timeout(5000),
      });
      expect(await spec.json()).toEqual(bundle);
      expect(parse(readFileSync(files.yaml, 'utf8'))).toEqual(bundle);
      expect(translated.map((op) => op.operationId).sort()).toEqual(english.map((op) => op.operationId).sort());
      for (const op of translated) {
        const samples = op['x-codeSamples' as keyof Operation] as { label: string; source: string }[];
        const original = english.find((o) => o.operationId === op.operationId) as Operation;
        const en = DOCS_LANGUAGES[0] as DocsLanguage;
        expect(samples[0]?.source, op.operationId).toBe(sdkSample(op, language.code));
        expect(samples.map((s) => sampleCode(s.source, language))).toEqual(
          codeSamples(original, bundle.servers[0]?.url ?? '').map((s) => sampleCode(s.source, en)),
        );
      }
    }
  });
});

describe('the docs in headless chromium, with no network', { timeout: 180_000 }, () => {
  it('each page is whole and in its language, every tag and operation at its anchor with its SDK sample', async () => {
    const { page, problems, context } = await openPage();
    try {
      for (const { language, bundle, url, operations: shown } of servedLanguages()) {
        await page.goto(url);
        await page.locator('h1').first().waitFor();
        expect(await page.title()).toBe(bundle.info.title);
        expect(await page.locator('html').getAttribute('lang')).toBe(language.code);
        const seen = await visibleContent(page);
        expect(seen.textLength, language.name).toBeGreaterThan(1000);
        expect(seen.headingWidth, language.name).toBeGreaterThan(200);
        await page.screenshot({ path: join(DIST, `docs-${language.code}-screenshot.png`) });

        // The anchors are the tags' names in every language; the headings are their display names.
        const tags = bundle.tags as { name: string; 'x-displayName'?: string }[];
        for (const tag of tags) {
          await goToHash(page, `#/${tagSlug(tag.name)}`);
          await headingInView(page, tag['x-displayName'] ?? tag.name);
        }
        const translated = translatedSummariesOf(language);
        for (const op of shown) {
          const english = operations.find((o) => o.operationId === op.operationId) as Operation;
          if (translated.has(op.operationId)) {
            expect(hasCyrillic(op.summary), `${language.name}: ${op.summary}`).toBe(true);
            expect(op.summary).not.toBe(english.summary);
          }
          await goToHash(page, operationHash(op));
          await headingInView(page, op.summary, sdkSample(op, language.code));
        }
      }
      // The same measure on an empty page, so the checks of a whole page above can fail.
      await page.goto('about:blank');
      expect(await visibleContent(page)).toEqual({ textLength: 0, headingWidth: 0 });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a deep link opens its operation below the language bar; the links to the other languages keep it', async () => {
    const { page, problems, context } = await openPage();
    try {
      // English → Russian → … → English, each step through the link at the top of the page.
      const served = servedLanguages();
      const stops = [...served, served[0] as (typeof served)[number]];
      const createUser = (ops: Operation[]) => ops.find((o) => o.operationId === 'createUser') as Operation;
      const hash = operationHash(createUser(operations));
      await page.goto(`${stops[0]?.url}${hash}`);
      for (const [i, stop] of stops.entries()) {
        if (i > 0) {
          await page.getByRole('link', { name: stop.language.name, exact: true }).click();
          await page.waitForURL(`${stop.url}${hash}`);
        }
        const heading = await headingInView(page, createUser(stop.operations).summary);
        const bar = await page.locator('.docs-languages').boundingBox();
        const sidebar = await page.locator('.menu-content').first().boundingBox();
        const barBottom = (bar?.y ?? 0) + (bar?.height ?? 0);
        expect(barBottom, stop.language.name).toBeGreaterThan(0);
        expect(heading.top, `${stop.language.name}: the heading is below the bar`).toBeGreaterThanOrEqual(barBottom);
        expect(sidebar?.y, `${stop.language.name}: the sidebar is below the bar`).toBeGreaterThanOrEqual(barBottom - 1);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('stopping', () => {
  it('a busy port is one clear line, before anything starts', async () => {
    const second = npmStart([`--mock-port=${mockPort}`], {});
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    const errors = second
      .output()
      .split('\n')
      .filter((line) => line.startsWith('start:'));
    expect(errors).toEqual([
      `start: port ${mockPort} on ${HOST} is already in use, so the mock server cannot start; free it or choose another with --mock-port or MOCK_PORT`,
    ]);
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 15_000);

  it('SIGTERM stops it and everything it started', async () => {
    const stopped = once(started.child, 'exit');
    started.child.kill('SIGTERM');
    const [code, signal] = (await stopped) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await groupGone(started.child)).toBe(true); // nothing it started outlives it
    expect(await isListening(HOST, mockPort)).toBe(false);
    expect(await isListening(HOST, docsPort)).toBe(false);
  }, 15_000);
});
