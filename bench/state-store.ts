// Creates under `--state` with 10,000 users: POST /users from 16 clients at once against
// `pachca emulator --state` from the built package (each 201 is sent only once its journal line is
// fsynced). Beside it, the same
// server without --state, and what this disk allows: appends with an fdatasync each, one after
// another. Then a SIGTERM: the time to stop (the final compaction) and a check that the saved
// snapshot holds every user that got a 201.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkspaceState } from '../src/emulator/index.js';
import { buildPackage, DIST } from '../scripts/build.js';
import { distIsStale } from '../scripts/lib/pack.js';
import { ROOT } from '../scripts/lib/spec.js';
import { isMain, ms, printTable, quantile, saveResult } from './lib/report.js';

const USERS = 10_000;
const CONCURRENCY = 16;
const WARMUP_MS = 1_000;
const DURATION_MS = 4_000;
const GOAL_PER_SECOND = 1_000;

/** Appends of one journal-sized line, each followed by fdatasync, for `durationMs`. */
async function fsyncedAppendsPerSecond(dir: string, durationMs = 1_000): Promise<number> {
  const handle = await open(join(dir, 'probe.journal'), 'a');
  const line = `${'x'.repeat(500)}\n`;
  let count = 0;
  const began = performance.now();
  while (performance.now() - began < durationMs) {
    await handle.write(line);
    await handle.datasync();
    count++;
  }
  await handle.close();
  return (count / (performance.now() - began)) * 1000;
}

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

interface Serving {
  perSecond: number;
  creates: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 201. */
  unexpected: number;
  acknowledged: Set<number>;
  /** SIGTERM → exit; with a state file, the final compaction. */
  stopMs: number;
  exitCode: number | null;
}

/** The server with `file` as its state ('-': none), under CONCURRENCY clients that create users. */
async function serveCreates(file: string): Promise<Serving> {
  if (distIsStale()) await buildPackage();
  const state = file === '-' ? [] : ['--state', file];
  const args = [join(DIST, 'cli.js'), 'emulator', '--port', '0', '--users', String(USERS), ...state];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const found = /^Pachca emulator: http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (found?.[1]) resolve(found[1]);
    });
  });
  const url = new URL(`http://127.0.0.1:${port}/users`);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const acknowledged = new Set<number>();
  let serial = 0;
  let unexpected = 0;
  const run = async (durationMs: number) => {
    const latencies: number[] = [];
    const until = performance.now() + durationMs;
    const client = async () => {
      while (performance.now() < until) {
        const body = JSON.stringify({ user: { email: `bench-${serial++}@example.com` }, skip_email_notify: true });
        const began = performance.now();
        const { status, text } = await post(agent, url, body);
        latencies.push(performance.now() - began);
        if (status === 201) acknowledged.add((JSON.parse(text) as { data: { id: number } }).data.id);
        else unexpected++;
      }
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    return { latencies, elapsedMs: performance.now() - began };
  };
  await run(WARMUP_MS);
  const { latencies, elapsedMs } = await run(DURATION_MS);
  agent.destroy();
  const stopping = performance.now();
  child.kill('SIGTERM');
  const [exitCode] = (await exited) as [number | null];
  return {
    perSecond: (latencies.length / elapsedMs) * 1000,
    creates: latencies.length,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    unexpected,
    acknowledged,
    stopMs: performance.now() - stopping,
    exitCode,
  };
}

export async function runStateStoreBench() {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-bench-state-'));
  const file = join(dir, 's.json');
  const diskAppendsPerSecond = await fsyncedAppendsPerSecond(dir);
  const memory = await serveCreates('-');
  const durable = await serveCreates(file);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as WorkspaceState;
  const ids = new Set(saved.users.map((user) => user.id));
  const lost = [...durable.acknowledged].filter((id) => !ids.has(id)).length;
  rmSync(dir, { recursive: true, force: true });

  const result = {
    users: USERS,
    concurrency: CONCURRENCY,
    perSecond: durable.perSecond,
    creates: durable.creates,
    p50Ms: durable.p50Ms,
    p99Ms: durable.p99Ms,
    unexpected: durable.unexpected + memory.unexpected,
    withoutStatePerSecond: memory.perSecond,
    diskAppendsPerSecond,
    stopMs: durable.stopMs,
    exitCode: durable.exitCode,
    acknowledged: durable.acknowledged.size,
    lost,
    goalPerSecond: GOAL_PER_SECOND,
  };
  printTable(`POST /users with ${USERS} users, concurrency ${CONCURRENCY}`, [
    {
      metric: '--state: creates per second, each fsynced before its 201',
      value: `${result.perSecond.toFixed(0)} (${result.creates} in ${DURATION_MS / 1000} s; p50 ${ms(result.p50Ms, 2)}, p99 ${ms(result.p99Ms, 2)})`,
      goal: `≥ ${GOAL_PER_SECOND}`,
      ok: result.perSecond >= GOAL_PER_SECOND && result.unexpected === 0,
    },
    {
      metric: 'the same server without --state',
      value: `${memory.perSecond.toFixed(0)} (p50 ${ms(memory.p50Ms, 2)}); --state keeps ${((result.perSecond / memory.perSecond) * 100).toFixed(0)} %`,
    },
    {
      metric: 'this disk: appends with fdatasync, one at a time',
      value: `${diskAppendsPerSecond.toFixed(0)} per second`,
    },
    { metric: 'answers that were not 201', value: String(result.unexpected), ok: result.unexpected === 0 },
    {
      metric: '--state: SIGTERM → exit (the final compaction)',
      value: `${ms(result.stopMs, 0)}, exit code ${result.exitCode}`,
      ok: result.exitCode === 0,
    },
    {
      metric: 'acknowledged creates missing from the saved state',
      value: `${lost} of ${result.acknowledged}`,
      ok: lost === 0,
    },
  ]);
  saveResult('state-store', result);
  return result;
}

if (isMain(import.meta.url)) await runStateStoreBench();
