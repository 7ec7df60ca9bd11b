// `npm start` as a person runs it: spawned through npm, used with curl-like requests, its docs
// opened in Debian's headless chromium with every host but 127.0.0.1 unreachable, then stopped
// with SIGTERM. The docs are the ones `npm start` built and serves, so a run builds them once.
// Free ports are picked so the test never meets another server on 4010/8080.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIST } from '../../scripts/build-docs.js';
import { sdkSample } from '../../scripts/lib/code-samples.js';
import { dereference } from '../../scripts/lib/dereference.js';
import { externalResources } from '../../scripts/lib/offline-html.js';
import { freePort, isListening } from '../../scripts/lib/ports.js';
import { listOperations, ROOT, type Operation, type Spec } from '../../scripts/lib/spec.js';
import { findChromium, HeadlessPage } from '../docs/chromium.js';
import { decodePng, inkRatio } from '../docs/png.js';
import { specOperations } from '../support/spec.js';

const HOST = '127.0.0.1';
// About 5 s on an idle 2-core machine (the target is under 20 s); the bound leaves room for a
// machine busy with the rest of the suite, so the test fails on a hang, not on a slow moment.
const READY_WITHIN_MS = 45_000;

/** Spawns `npm start` in its own process group, so teardown can reach everything it started. */
function npmStart(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { child, output: () => output };
}

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

/** Last resort for a failed test: the whole process group we spawned, by its id. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const chromium = findChromium();
if (!chromium) {
  console.warn(
    'test/start: SKIPPING the browser checks: no chromium on PATH. `.ci/run` installs it with ' +
      '`apt-get install -y chromium`; that step failed or apt-get is not available here.',
  );
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
let page: HeadlessPage | undefined;
/** The operations as published in dist/openapi.json (test/spec pins the source to the API's documented contract). */
let operations: Operation[];

const request = (path: string, init: RequestInit = {}) =>
  fetch(`${mockUrl}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
const browserPage = () => {
  if (!page) throw new Error('chromium did not start');
  return page;
};

beforeAll(async () => {
  [mockPort, docsPort] = [await freePort(), await freePort()];
  mockUrl = `http://${HOST}:${mockPort}`;
  docsUrl = `http://${HOST}:${docsPort}/docs/`;
  started = npmStart([], { MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) });
  // The browser starts while npm start builds the docs.
  const launching = chromium ? HeadlessPage.launch(chromium, { width: 1280, height: 1000 }) : undefined;
  launching?.catch(() => undefined); // awaited below; a failed launch fails the browser tests only
  await waitFor(
    () => started.output().includes('Press Ctrl-C to stop.') || exited(started.child),
    READY_WITHIN_MS,
    'npm start did not print both URLs',
    started.output,
  );
  operations = listOperations(dereference(JSON.parse(readFileSync(build.json, 'utf8')) as Spec));
  page = await launching?.catch(() => undefined);
}, READY_WITHIN_MS + 5000);

afterAll(async () => {
  await page?.close();
  if (started && !exited(started.child)) killGroup(started.child);
});

describe('npm start', () => {
  it('prints the mock URL, the docs URL and a curl line to paste', () => {
    const output = started.output();
    expect(output).toContain(`Mock server  ${mockUrl}`);
    expect(output).toContain(`API docs     http://${HOST}:${docsPort}/docs/`);
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

// Each browser step is bounded in test/docs/chromium.ts; a test may take several under load.
describe.skipIf(!chromium)('the docs in headless chromium, with no network', { timeout: 90_000 }, () => {
  it('shows every operation summary and the TypeScript SDK sample, without errors', async () => {
    const page = browserPage();
    await page.goto(docsUrl);
    // Redoc renders one tag at a time: visit each tag's page and keep what it shows. The first
    // operation of a tag shows its code sample, the TypeScript SDK tab first.
    const tagNames = [...new Set(operations.map((op) => op.tags[0]!))];
    const visits = tagNames.map((name) => {
      const ops = operations.filter((op) => op.tags[0] === name);
      return {
        hash: `#/${name.toLowerCase().replace(/\s+/g, '-')}`,
        waitFor: [...ops.map((op) => op.summary), sdkSample(ops[0]!)],
      };
    });
    const seen = await page.evaluate<string[]>(
      `(async () => {
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const seen = [];
      for (const { hash, waitFor } of ${JSON.stringify(visits)}) {
        location.hash = hash;
        for (let i = 0; i < 100 && !waitFor.every((s) => document.body.innerText.includes(s)); i++) await sleep(50);
        seen.push(document.body.innerText);
      }
      return seen;
    })()`,
      { timeoutMs: 25_000 },
    );
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
  });

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
    expect(await groupGone(started.child)).toBe(true); // Prism included: it ran in npm's process group
    expect(await isListening(HOST, mockPort)).toBe(false);
    expect(await isListening(HOST, docsPort)).toBe(false);
  }, 15_000);
});
