// A command of the repository spawned the way a person runs it, as the leader of its own process
// group, so a test can reach everything it started (npm, node, Prism) and kill it all at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT } from '../../scripts/lib/spec.js';

export interface SpawnedGroup {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output: () => string;
}

export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): SpawnedGroup {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { child, output: () => output };
}

/** Last resort for a failed test: the whole process group, by its id. */
export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
