// `npm run mock` spawned as a person runs it, in its own process group so that a failed test can
// still reach a Prism it started (--examples); on a free port, so it never meets another server on 4010.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../../scripts/lib/ports.js';
import { killGroup, type SpawnedGroup, spawnGroup } from '../support/process-group.js';

const READY_LINE = 'Press Ctrl-C to stop.';
// A few seconds on an idle machine; room for one busy with the rest of the suite.
const READY_WITHIN_MS = 45_000;

export interface MockProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with npm's exit code once it has stopped (SIGTERM, as Ctrl-C would). */
  stop(): Promise<number | null>;
}

/**
 * `npm run mock` runs `node --import tsx scripts/mock.ts`; through npm only where npm's part is
 * under test (the banner a person sees), since npm costs a second of CPU on a busy machine.
 */
function spawnMock(args: string[], port: number, viaNpm = false): SpawnedGroup {
  const portArgs = ['--port', String(port), ...args];
  return viaNpm
    ? spawnGroup('npm', ['run', '--silent', 'mock', '--', ...portArgs])
    : spawnGroup(process.execPath, ['--import', 'tsx', 'scripts/mock.ts', ...portArgs]);
}

/** Starts the mock script with `args` and resolves once it prints its banner. */
export async function startMockProcess(args: string[], { viaNpm = false } = {}): Promise<MockProcess> {
  const port = await freePort();
  const { child, output } = spawnMock(args, port, viaNpm);
  const exited = once(child, 'exit');
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!output().includes(READY_LINE)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      killGroup(child);
      throw new Error(`npm run mock ${args.join(' ')} did not start; output:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    stop: async () => {
      // To npm when it runs the script: it passes the signal on, as on Ctrl-C.
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      killGroup(child); // anything left in the group is a leak the test would not see
      return code;
    },
  };
}

/** Runs the mock script expecting it to fail before it serves; returns its exit code and output. */
export async function failedMock(args: string[]): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnMock(args, await freePort());
  const timer = setTimeout(() => killGroup(child), READY_WITHIN_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  killGroup(child);
  return { code, output: output() };
}
