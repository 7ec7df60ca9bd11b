// `npm start` as a person runs it: spawned through npm, used with curl-like requests, its docs
// (English and Russian) opened in Debian's headless chromium through Playwright with every host but
// 127.0.0.1 unreachable, then stopped with SIGTERM. The docs are the ones `npm start` built and
// serves, so a run builds them once, and one browser serves every browser check.
// Free ports are picked so the test never meets another server on 4010/8080.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIST, docsFiles } from '../../scripts/build-docs.js';
import { codeSamples, SAMPLE_COMMENTS } from '../../scripts/lib/code-samples.js';
import { DOCS_LANGUAGES, type DocsLanguage, type LanguageCode, pagePath } from '../../scripts/lib/docs-languages.js';
import { dereference } from '../../scripts/lib/dereference.js';
import { externalResources } from '../../scripts/lib/offline-html.js';
import { type Overlay, translatedSummaries } from '../docs/overlay-targets.js';
import { freePort, isListening } from '../../scripts/lib/ports.js';
import { listOperations, type Operation, ROOT, type Spec } from '../../scripts/lib/spec.js';
import { serveStatic } from '../../scripts/lib/static-server.js';
import { isolatedContext, launchBrowser } from '../support/browser.js';
import { killGroup, type SpawnedGroup, spawnGroup } from '../support/process-group.js';
import { specOperations } from '../support/spec.js';
import {
  clippedCode,
  goToHash,
  headingInView,
  openSection,
  operationHash,
  sectionOf,
  sendFromConsole,
  tagHash,
  visibleContent,
  watchProblems,
} from './docs-page.js';

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

/**
 * A new page in a context of its own of the one browser of this file. Every host but 127.0.0.1
 * is unreachable, and each attempt to reach one is listed in `outside`.
 */
async function openPage(): Promise<{ page: Page; problems: string[]; outside: string[]; context: BrowserContext }> {
  if (!browser) throw browserError ?? new Error('chromium did not start');
  const context = await isolatedContext(browser);
  const outside: string[] = [];
  context.on('request', (req) => {
    if (new URL(req.url()).hostname !== HOST && !req.url().startsWith('data:')) outside.push(req.url());
  });
  // A step takes well under a second on an idle machine; the bound leaves room for a busy one.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { page, problems: watchProblems(page, [], mockUrl), outside, context };
}

/** Labels of Scalar's own, in each docs language (its `ru` locale on the Russian page). */
const VIEWER_LABELS: Record<LanguageCode, string[]> = {
  en: ['Test Request', 'Search', 'Open API Client', 'Powered by Scalar'],
  ru: ['Проверить запрос', 'Поиск', 'Открыть API-клиент', 'Работает на Scalar'],
};

/** Words of Scalar's search results that are its own, not the spec's (`Операция:`, `HTTP-метод:`, `Путь:`). */
const VIEWER_WORDS = new Set(['Операция', 'Модели', 'HTTP', 'метод', 'Путь', 'put', 'get', 'post', 'delete']);
const WORD = /[\p{L}\p{N}_]+/gu;
/** `text` as whole words: `Search` is not found in `SearchMeta`. */
const asWords = (text: string) => new RegExp(`(?<![\\p{L}])${text}(?![\\p{L}])`, 'u');
const wordsOf = (text: string) => new Set([...text.matchAll(WORD)].map((m) => m[0].toLowerCase()));
const endsWith = (suffix: string) => new RegExp(`/${suffix.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

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

/** What the console prefills for an operation: its parameters' and request body's examples. */
const prefilled = (op: Operation) => ({
  parameters: op.parameters.map((p) => [p.name, (p as { example?: unknown }).example ?? p.schema.example]),
  body: op.requestBody?.content,
});

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
  it('are served beside the English ones, offline, every operation with the same calls in its samples', async () => {
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
        // Written from the page's own examples (prose values in its language), with its comments.
        expect(samples.map((s) => s.source)).toEqual(
          codeSamples(op, bundle.servers[0]?.url ?? '', language.code).map((s) => s.source),
        );
        expect(samples[0]?.source).toContain(SAMPLE_COMMENTS[language.code].token);
        // The same calls as on the English page: only what the reader writes is translated.
        const original = english.find((o) => o.operationId === op.operationId) as Operation;
        expect(samples[0]?.source).toContain(`client.${original['x-sdk-method']}(`);
        expect(samples[1]?.source.startsWith(`pachca ${original['x-cli-command']}`)).toBe(true);
      }
    }
  });
});

describe('the docs in headless chromium, with no network', { timeout: 120_000 }, () => {
  // One tab per language, opened once (a page load is the slow part) and shared by the checks below.
  let docs: Awaited<ReturnType<typeof openPage>>;
  const tabs = new Map<LanguageCode, Page>();
  const tab = (code: LanguageCode) => tabs.get(code) as Page;

  beforeAll(async () => {
    docs = await openPage();
    // Scalar's fades (the console opens and closes 48 times) are waited out by every step.
    await docs.context.addInitScript(() => {
      addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
        document.head.append(style);
      });
    });
    tabs.set('en', docs.page);
    for (const code of DOCS_LANGUAGES.map((l) => l.code).filter((c) => c !== 'en')) {
      const page = await docs.context.newPage();
      watchProblems(page, docs.problems, mockUrl);
      tabs.set(code, page);
    }
    await Promise.all(
      servedLanguages().map(async ({ language, url }) => {
        await tab(language.code).goto(url);
        await tab(language.code).locator('.show-api-client-button').first().waitFor();
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await docs?.context.close();
  });

  afterEach(() => {
    expect(docs.problems).toEqual([]);
    expect(docs.outside).toEqual([]);
  });

  it('each page is whole and in its language, every tag at its anchor', async () => {
    for (const { language, bundle } of servedLanguages()) {
      const page = tab(language.code);
      expect(await page.title()).toBe(bundle.info.title);
      expect(await page.locator('html').getAttribute('lang')).toBe(language.code);
      const seen = await visibleContent(page);
      expect(seen.textLength, language.name).toBeGreaterThan(1000);
      expect(seen.headingWidth, language.name).toBeGreaterThan(200);
      // Scalar's own labels come from its locale for the page's language, none from another's.
      // biome-ignore lint/performance/useDomNodeTextContent: the labels a reader sees
      const text = await page.locator('body').innerText();
      for (const [code, labels] of Object.entries(VIEWER_LABELS)) {
        for (const label of labels)
          expect(asWords(label).test(text), `${language.name}: ${label}`).toBe(code === language.code);
      }
      await page.screenshot({ path: join(DIST, `docs-${language.code}-screenshot.png`) });
      // The anchors are the tags' names in every language; the headings are their display names.
      for (const tag of bundle.tags as { name: string; 'x-displayName'?: string }[]) {
        await openSection(page, tagHash(tag.name));
        await headingInView(page, tagHash(tag.name), tag['x-displayName'] ?? tag.name, undefined, {
          readerScrolls: true,
        });
      }
    }
    // The same measures on an empty page, so the checks of a whole page above can fail.
    const blank = await docs.context.newPage();
    expect(await visibleContent(blank)).toEqual({ textLength: 0, headingWidth: 0 });
    await blank.close();
  });

  it("every operation: at its anchor, its SDK sample first, no line cut off, and its console's prefilled request answered by the emulator beside the page", async () => {
    const english = servedLanguages()[0]?.operations ?? [];
    for (const { language, operations: shown } of servedLanguages()) {
      const page = tab(language.code);
      // Each page starts from a freshly seeded workspace; reads go first, so no write of this page
      // (a deleted user, a renamed tag) changes what a read finds.
      expect((await request('/__emulator/reset', { method: 'POST' })).status).toBe(204);
      const ordered = [...shown.filter((op) => op.method === 'get'), ...shown.filter((op) => op.method !== 'get')];
      // A request the English page already sent as prefilled is sent again only for one GET, POST
      // and DELETE: the overlay changes prose, so only requests with prose in them differ.
      const sendsAgain = new Set(['get', 'post', 'delete']);
      const methods = new Set<string>();
      // An operation whose summary the overlay does not translate yet fails the coverage gate
      // (test/docs), not this page.
      const translated = translatedSummariesOf(language);
      for (const op of ordered) {
        if (translated.has(op.operationId)) {
          const original = english.find((o) => o.operationId === op.operationId) as Operation;
          expect(hasCyrillic(op.summary), `${language.name}: ${op.summary}`).toBe(true);
          expect(op.summary).not.toBe(original.summary);
        }
        await openSection(page, operationHash(op));
        // The SDK sample is the one shown first; its call reads whole, however it wraps.
        await headingInView(page, operationHash(op), op.summary, `client.${op['x-sdk-method']}(`, {
          readerScrolls: true,
        });
        expect(await clippedCode(page), `${language.name}: ${op.operationId}`).toEqual([]);

        const original = english.find((o) => o.operationId === op.operationId) as Operation;
        const sameRequest = JSON.stringify(prefilled(op)) === JSON.stringify(prefilled(original));
        if (language.overlay && sameRequest && !sendsAgain.delete(op.method)) continue;
        const exchange = await sendFromConsole(page, op, mockUrl);
        const where = `${language.name}: ${op.operationId} ${exchange.method} ${exchange.url} → ${exchange.status} ${exchange.body.slice(0, 300)}`;
        expect(exchange.url.startsWith(`${mockUrl}/`), where).toBe(true);
        expect(exchange.authorization, where).toBe('Bearer test-token');
        if (op.method === 'get') expect(exchange.status, where).toBeLessThan(300);
        expect(exchange.status, where).toBeLessThan(500);
        expect(Object.keys(op.responses), where).toContain(String(exchange.status));
        // The console shows the answer: its status and, for a JSON body, its first field.
        const json = exchange.body ? (JSON.parse(exchange.body) as unknown) : null;
        const firstKey = json && typeof json === 'object' ? Object.keys(json)[0] : undefined;
        if (firstKey) expect(exchange.shown, where).toContain(`"${firstKey}"`);
        methods.add(exchange.method);
      }
      expect([...methods].sort(), language.name).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    }
    // Prism checked every exchange against the spec: the answers are in the API's shape.
    const journal = (await (await request('/__emulator/requests')).json()) as {
      data: { method: string; path: string; status: number; violations: unknown[] }[];
    };
    expect(journal.data.filter((entry) => entry.violations.length > 0)).toEqual([]);
  }, 400_000);

  it('search on the Russian page finds its own words, in whole words', async () => {
    const russian = servedLanguages().find((l) => l.language.code === 'ru');
    if (!russian) throw new Error('no Russian page');
    const page = tab('ru');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').fill('аватар');
    const results = page.locator('[role="listbox"] [role="option"]');
    await results.first().waitFor();
    const found = await results.evaluateAll((options) => options.map((o) => o.id));
    const avatarOps = russian.operations.filter((op) => op.path.includes('avatar'));
    for (const op of avatarOps)
      expect(found, op.operationId).toContainEqual(expect.stringMatching(endsWith(operationHash(op))));
    // Every word a result shows is a word of the page's spec or of Scalar's labels: none glued to its neighbour.
    const words = wordsOf(JSON.stringify(russian.bundle));
    const shownWords = (await results.allInnerTexts()).flatMap((text) => [...text.matchAll(WORD)].map((m) => m[0]));
    expect(shownWords.length).toBeGreaterThan(avatarOps.length);
    expect(shownWords.filter((word) => !words.has(word.toLowerCase()) && !VIEWER_WORDS.has(word))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('a static build (no npm start beside it) lists production first and prefills no token', async () => {
    const server = await serveStatic(DIST, { host: HOST, port: 0, home: '/docs/' });
    const page = await docs.context.newPage();
    try {
      watchProblems(page, docs.problems, mockUrl);
      const { port } = server.address() as AddressInfo;
      const profile = operations.find((op) => op.operationId === 'getProfile') as Operation;
      await page.goto(`http://${HOST}:${port}/docs/${operationHash(profile)}`);
      await sectionOf(page, operationHash(profile)).locator('.show-api-client-button').first().click();
      const dialog = page.locator('[role="dialog"].scalar-client');
      await dialog.locator('button[data-addressbar-action="send"]:visible').waitFor();
      expect(await dialog.textContent()).toContain('https://api.pachca.com/api/shared/v1');
      const values = await dialog
        .locator('input')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(values).not.toContain('test-token');
    } finally {
      await page.close();
      server.close();
    }
  });

  it('a deep link opens its operation below the language bar; the links to the other languages keep it', async () => {
    // English → Russian → English, each step through the link at the top of the page.
    const page = tab('en');
    const served = servedLanguages();
    const stops = [...served, served[0] as (typeof served)[number]];
    const createUser = (ops: Operation[]) => ops.find((o) => o.operationId === 'createUser') as Operation;
    const hash = operationHash(createUser(operations));
    await goToHash(page, hash);
    for (const [i, stop] of stops.entries()) {
      if (i > 0) {
        await page.getByRole('link', { name: stop.language.name, exact: true }).click();
        await page.waitForURL(`${stop.url}${hash}`);
      }
      const heading = await headingInView(page, hash, createUser(stop.operations).summary);
      const bar = await page.locator('.docs-languages').boundingBox();
      const barBottom = (bar?.y ?? 0) + (bar?.height ?? 0);
      expect(barBottom, stop.language.name).toBeGreaterThan(0);
      expect(heading.top, `${stop.language.name}: the heading is below the bar`).toBeGreaterThanOrEqual(barBottom);
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
