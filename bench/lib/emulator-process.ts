// The emulator for the benchmarks as a user runs it: `pachca emulator` from the built package
// (dist/cli.js, built first when stale), in a child process so that its CPU time is not charged to
// the client being measured. Ready is the first answer to a request, measured from the spawn.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, DIST } from '../../scripts/build.js';
import { distIsStale } from '../../scripts/lib/pack.js';
import { freePort } from '../../scripts/lib/ports.js';

export interface EmulatorProcess {
  url: string;
  /** Spawn → the first answer to GET /profile. */
  readyMs: number;
  /** Resident memory of the whole emulator process now, in MB. */
  rssMb(): number;
  close(): Promise<void>;
}

const rssOf = (pid: number | undefined): number => {
  if (!pid) return Number.NaN;
  const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

export async function startEmulatorProcess(users?: number): Promise<EmulatorProcess> {
  if (distIsStale()) await buildPackage();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const args = [join(DIST, 'cli.js'), 'emulator', '--port', String(port), ...(users ? ['--users', String(users)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = once(child, 'exit');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pachca emulator exited with ${child.exitCode}`);
    const answer = await fetch(`${url}/profile`, { headers: { authorization: 'Bearer test-token' } }).catch(
      () => undefined,
    );
    if (answer?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - began;
  return {
    url,
    readyMs,
    rssMb: () => rssOf(child.pid),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
