// `npm start` as a person runs it: spawned through npm, used with curl-like requests, stopped
// with SIGTERM. Free ports are picked so the test never meets another server on 4010/8080.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isListening } from '../../scripts/lib/ports.js';
import { ROOT } from '../../scripts/lib/spec.js';

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

describe('npm start', () => {
  let mockPort: number;
  let docsPort: number;
  let started: ReturnType<typeof npmStart>;
  let mockUrl: string;
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${mockUrl}${path}`, { ...init, signal: AbortSignal.timeout(5000) });

  beforeAll(async () => {
    [mockPort, docsPort] = [await freePort(), await freePort()];
    mockUrl = `http://${HOST}:${mockPort}`;
    started = npmStart([], { MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) });
    await waitFor(
      () => started.output().includes('Press Ctrl-C to stop.') || exited(started.child),
      READY_WITHIN_MS,
      'npm start did not print both URLs',
      started.output,
    );
  }, READY_WITHIN_MS + 5000);

  afterAll(() => {
    if (started && !exited(started.child)) killGroup(started.child);
  });

  it('prints the mock URL, the docs URL and a curl line to paste', () => {
    const output = started.output();
    expect(output).toContain(`Mock server  ${mockUrl}`);
    expect(output).toContain(`API docs     http://${HOST}:${docsPort}/docs/`);
    expect(output).toContain(`curl -H "Authorization: Bearer test-token" ${mockUrl}/profile`);
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
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('docs: serves the page and the bundled spec', async () => {
    const page = await fetch(`http://${HOST}:${docsPort}/docs/`, { signal: AbortSignal.timeout(5000) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Pachca public API');
    const spec = await fetch(`http://${HOST}:${docsPort}/openapi.json`, { signal: AbortSignal.timeout(5000) });
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('a busy port is one clear line, before anything starts', async () => {
    const second = npmStart([`--mock-port=${mockPort}`], {});
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    const errors = second.output().split('\n').filter((line) => line.startsWith('start:'));
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
