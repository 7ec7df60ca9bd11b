// Child processes that must not outlive the script that started them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { stopOnSignals } from '../../src/emulator/node/shutdown.js';
import { ROOT } from './spec.js';

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `cleanup` once on Ctrl-C, SIGTERM or SIGHUP, then exits with `code` (1 if it failed). A
 * second signal waits for the same cleanup (see stopOnSignals).
 */
export function onShutdown(cleanup: () => Promise<void>, code = 0): void {
  stopOnSignals(cleanup, { code });
}

export interface NodeRun {
  status: number;
  /** stdout and stderr together, as they came; empty when `live`. */
  output: string;
}

/**
 * Runs a Node script in the repository; `live` streams its output, otherwise it is collected.
 * `env` is added to this process's environment.
 */
export function runNode(
  args: string[],
  { live = false, signal, env }: { live?: boolean; signal?: AbortSignal; env?: Record<string, string> } = {},
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}
