// Runs `npm run verify:live` the way a maintainer does (PACHCA_TOKEN and PACHCA_BASE_URL set; in
// this process, or spawned where a signal is the point), and checks what must hold after every
// run: the token appears nowhere in the output and the Prism proxy it started is gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';
import type { Report } from '../../scripts/lib/verify/report.js';
import { verifyLive } from '../../scripts/lib/verify/verify-live.js';

export const VERIFY_TOKEN = 'verify-token-9b1e47c2d05a';

export interface VerifyRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The Prism proxy's pid, as the script announced it; undefined if none was started. */
  prismPid: number | undefined;
  /** The JSON report (runs with --json). */
  report(): Report;
}

export interface StartedVerify {
  child: ChildProcess;
  /** Resolves with the Prism proxy's pid once the script has announced it. */
  proxyStarted: Promise<number>;
  done: Promise<VerifyRun>;
}

/** A run's result from its exit code and output. */
function finishedRun(code: number | null, stdout: string, stderr: string): VerifyRun {
  const pid = /Prism proxy \(pid (\d+)\)/.exec(stderr)?.[1];
  const report = () => {
    if (!stdout) throw new Error(`verify printed no report (exit ${code}):\n${stderr}`);
    return JSON.parse(stdout) as Report;
  };
  return { code, stdout, stderr, prismPid: pid ? Number(pid) : undefined, report };
}

/** Spawns `npm run verify:live`'s script as a maintainer runs it: a process with its own signals. */
export function startVerify(
  baseUrl: string,
  args: string[],
  { token = VERIFY_TOKEN }: { token?: string } = {},
): StartedVerify {
  const env: NodeJS.ProcessEnv = { ...process.env, PACHCA_BASE_URL: baseUrl, PACHCA_TOKEN: token };
  if (!token) delete env.PACHCA_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/verify-live.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let announced: (pid: number) => void;
  let neverStarted: (error: Error) => void;
  const proxyStarted = new Promise<number>((resolve, reject) => {
    announced = resolve;
    neverStarted = reject;
  });
  proxyStarted.catch(() => undefined); // only an error for a test that waits for the proxy
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
    const pid = /Prism proxy \(pid (\d+)\)/.exec(stderr)?.[1];
    if (pid) announced(Number(pid));
  });
  const done = new Promise<VerifyRun>((resolve) =>
    child.on('close', (code) => {
      neverStarted(new Error(`verify exited (${code}) without starting Prism:\n${stderr}`));
      resolve(finishedRun(code, stdout, stderr));
    }),
  );
  return { child, proxyStarted, done };
}

/** Verify runs (each with its own Prism) at once: two keep the 2 cores busy without starving the other suites. */
const MAX_RUNNING = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `fn` once fewer than MAX_RUNNING verify runs are in progress. */
export async function inVerifySlot<T>(fn: () => Promise<T>): Promise<T> {
  while (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs the live check in this process, as the entry runs it (its arguments, PACHCA_TOKEN and
 * PACHCA_BASE_URL, its output captured), without a second Node's start-up. Only what needs a real
 * process, a signal, uses startVerify.
 */
export function runVerify(
  baseUrl: string,
  args: string[],
  { token = VERIFY_TOKEN }: { token?: string } = {},
): Promise<VerifyRun> {
  return inVerifySlot(async () => {
    let stdout = '';
    let stderr = '';
    const code = await verifyLive({
      argv: args,
      env: { PACHCA_BASE_URL: baseUrl, ...(token && { PACHCA_TOKEN: token }) },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      interrupted: new AbortController().signal,
    });
    const run = finishedRun(code, stdout, stderr);
    expectCleanExit(run);
    return run;
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** No token in any output, and no Prism left running. */
export function expectCleanExit(run: VerifyRun): void {
  expect(run.stdout + run.stderr).not.toContain(VERIFY_TOKEN);
  if (run.prismPid !== undefined)
    expect(isRunning(run.prismPid), `Prism (pid ${run.prismPid}) is still running`).toBe(false);
}
