// Vitest global setup: one Prism mock, started from openapi/openapi.yaml, shared by every suite
// that calls `inject('prismUrl')`. Prism runs with its default request validation, so a request
// the spec does not allow gets a 4xx instead of an example. It is spawned with node directly
// (npx would orphan it) and killed in teardown, on Ctrl-C and on any exit of the vitest process.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../scripts/lib/ports.js';
import { ROOT, SPEC_ROOT } from '../../scripts/lib/spec.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock, e.g. `http://127.0.0.1:40123` (no /api/shared/v1). */
    prismUrl: string;
  }
}

const PRISM_BIN = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
const LOG_LINES_KEPT = 40;

function startPrism(port: number): { child: ChildProcess; log: string[] } {
  const log: string[] = [];
  const child = spawn(process.execPath, [PRISM_BIN, 'mock', SPEC_ROOT, '-h', HOST, '-p', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep draining the output (a full pipe would stall Prism) and keep the tail for error reports.
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log };
}

/** Resolves once Prism serves a mocked operation; rejects if it exits or the deadline passes. */
async function waitUntilServing(child: ChildProcess, url: string, log: string[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before serving:\n${log.join('\n')}`);
    }
    const answered = await fetch(`${url}/profile`, {
      headers: { Authorization: 'Bearer readiness-probe' },
      signal: AbortSignal.timeout(1_000),
    }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return;
    await sleep(100);
  }
  throw new Error(`Prism did not serve ${url} within ${START_TIMEOUT_MS / 1000} s:\n${log.join('\n')}`);
}

async function stopPrism(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS, undefined, { ref: false }).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(HOST);
    const url = `http://${HOST}:${port}`;
    const { child, log } = startPrism(port);

    // Vitest exits straight away on SIGINT/SIGTERM without running teardowns: kill Prism on any exit.
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const onSignal = (signal: NodeJS.Signals) => {
      killNow();
      // If nobody else handles the signal, behave as if we had not listened: terminate.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once('exit', killNow);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const forget = () => {
      process.off('exit', killNow);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };

    try {
      await waitUntilServing(child, url, log);
    } catch (error) {
      await stopPrism(child);
      forget();
      if (attempt < attempts && /EADDRINUSE/.test(log.join('\n'))) continue;
      throw error;
    }

    project.provide('prismUrl', url);
    return async () => {
      await stopPrism(child);
      forget();
    };
  }
}
