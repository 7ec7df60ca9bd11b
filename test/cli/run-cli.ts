// Runs the bundled `pachca` CLI as a child process, the way a user or a script would: no
// terminal, a private config directory, and only the environment a test gives it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { MOCK_TOKEN, mockUrl } from '../support/mock.js';

/**
 * Each run takes well under a second on an idle machine; these limits only keep a loaded one
 * (other suites spawning at the same time) from failing a test that is merely slow.
 */
export const CLI_TEST_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 25_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = any>(): T;
}

export interface CliOptions {
  /** Added to a clean environment (PATH, a temporary HOME and XDG_CONFIG_HOME). */
  env?: Record<string, string | undefined>;
  /** Written to stdin; without it stdin is /dev/null. */
  input?: string;
  timeoutMs?: number;
}

/** A fresh directory for XDG_CONFIG_HOME (or HOME): nothing saved, nothing shared. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pachca-cli-test-'));
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const home = tempDir();
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...options.env };
  const child = spawn(process.execPath, [inject('cliPath'), ...args], {
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? RUN_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        json() {
          try {
            return JSON.parse(stdout);
          } catch {
            throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
          }
        },
      });
    });
  });
}

/** Runs the CLI against the shared Prism mock with a token in PACHCA_TOKEN. */
export function runAgainstMock(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return runCli(['--base-url', mockUrl(), ...args], {
    ...options,
    env: { PACHCA_TOKEN: MOCK_TOKEN, ...options.env },
  });
}
