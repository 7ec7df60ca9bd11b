// Runs the `pachca` CLI two ways with the same options and result:
// - runCli: the built CLI (dist/cli.js) as a child process, the way a user or a script would: no
//   terminal, a private config directory, and only the environment a test gives it. A quarter of a
//   CPU-second a run (mostly Node loading fetch), so it is kept for what only the real binary
//   proves: each operation against the mock, 401/404/422, a usage error, a refused delete, a dry
//   run, the saved login's file mode, stdin.
// - runInProcess: the same program through `main(argv, io)` with that environment and captured
//   streams (and, if asked, a terminal): milliseconds, for everything else.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { inject } from 'vitest';
import type { CliIo, Output } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
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
  // biome-ignore lint/suspicious/noExplicitAny: tests read the output's fields directly; a wrong field fails the assertion that reads it.
  json<T = any>(): T;
}

export interface CliOptions {
  /** Added to a clean environment (PATH, a temporary HOME and XDG_CONFIG_HOME). */
  env?: Record<string, string | undefined>;
  /** Written to stdin; without it stdin is /dev/null. */
  input?: string;
  /** Spawned only: the child is killed after this long. */
  timeoutMs?: number;
  /**
   * In-process only: stdin, stdout and stderr claim to be a terminal this wide; without colour
   * (NO_COLOR=1) unless `color` is set, so tests compare plain text.
   */
  terminal?: { columns: number; color?: boolean };
}

/** A fresh directory for XDG_CONFIG_HOME (or HOME): nothing saved, nothing shared. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pachca-cli-test-'));
}

function cleanEnv(options: CliOptions): NodeJS.ProcessEnv {
  const home = tempDir();
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...options.env };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

function result(code: number | null, stdout: string, stderr: string): CliRun {
  return {
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
  };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [inject('cliPath'), ...args], {
    env: cleanEnv(options),
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
      resolve(result(code, stdout, stderr));
    });
  });
}

/** A stream that keeps what is written to it. */
function capture(terminal: CliOptions['terminal']): { stream: Output; text: () => string } {
  let text = '';
  const stream: Output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  if (terminal) Object.assign(stream, { isTTY: true, columns: terminal.columns });
  return { stream, text: () => text };
}

/**
 * Runs the CLI in this process: same arguments, environment and stdin as runCli, no child.
 * `entry` is the CLI's `main` (another copy's, for a test that generates its own tables).
 */
export async function runInProcess(args: string[], options: CliOptions = {}, entry = main): Promise<CliRun> {
  const stdout = capture(options.terminal);
  const stderr = capture(options.terminal);
  const stdin: CliIo['stdin'] = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
  if (options.terminal) Object.assign(stdin, { isTTY: true });
  const noColor = options.terminal && !options.terminal.color ? { NO_COLOR: '1' } : {};
  const io: CliIo = {
    env: cleanEnv({ ...options, env: { ...noColor, ...options.env } }),
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
  };
  const code = await entry([process.execPath, 'pachca', ...args], io);
  return result(code, stdout.text(), stderr.text());
}

/** Runs the CLI (spawned, or `run` = runInProcess) against the shared Prism mock with a token in PACHCA_TOKEN. */
export function runAgainstMock(args: string[], options: CliOptions = {}, run = runCli): Promise<CliRun> {
  return run(['--base-url', mockUrl(), ...args], {
    ...options,
    env: { PACHCA_TOKEN: MOCK_TOKEN, ...options.env },
  });
}
