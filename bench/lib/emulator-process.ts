// The emulator for the benchmarks, in a child process (as `npm run mock` runs it) so that its CPU
// time is not charged to the client being measured. The child prints one JSON line once it serves.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startEmulatorStack } from '../../scripts/lib/emulator/stack.js';
import { freePort } from '../../scripts/lib/ports.js';
import { isMain } from './report.js';

export interface EmulatorProcess {
  url: string;
  prismUrl: string;
  engineUrl: string;
  /** Spawn → serving, as the parent saw it. */
  readyMs: number;
  seededInMs: number;
  /** Resident memory now, in MB: the emulator's process, and Prism's. */
  rssMb(): { emulator: number; prism: number };
  close(): Promise<void>;
}

const rssOf = (pid: number | undefined): number => {
  if (!pid) return NaN;
  const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

export async function startEmulatorProcess(users?: number): Promise<EmulatorProcess> {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, String(users ?? '')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const readyMs = performance.now() - began;
  const started = JSON.parse(line) as {
    url: string;
    prismUrl: string;
    engineUrl: string;
    seededInMs: number;
    prismPid: number;
  };
  return {
    ...started,
    readyMs,
    rssMb: () => ({ emulator: rssOf(child.pid), prism: rssOf(started.prismPid) }),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (isMain(import.meta.url)) {
  const users = Number(process.argv[2]) || undefined;
  const stack = await startEmulatorStack({ port: await freePort(), engine: { users }, log: () => undefined });
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const { url, prismUrl, engineUrl, seededInMs, prismPid } = stack;
  console.log(JSON.stringify({ url, prismUrl, engineUrl, seededInMs, prismPid }));
}
