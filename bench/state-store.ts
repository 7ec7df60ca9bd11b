// Creates under `--state` with 10,000 users: POST /users from 16 clients at once against the
// emulator served the way its one-process Node server does (test/emulator-server/fixtures/
// durable-server.ts: each 201 is sent only once its journal line is fsynced). Beside it, what this
// disk allows: appends with an fdatasync each, one after another. Then a SIGTERM: the time to stop
// (the final compaction) and a check that the next snapshot holds every user that got a 201.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkspaceState } from '../src/emulator/index.js';
import { ROOT } from '../scripts/lib/spec.js';
import { isMain, ms, printTable, quantile, saveResult } from './lib/report.js';

const USERS = 10_000;
const CONCURRENCY = 16;
const WARMUP_MS = 1_000;
const DURATION_MS = 4_000;
const GOAL_PER_SECOND = 1_000;
const SERVER = join(ROOT, 'test/emulator-server/fixtures/durable-server.ts');

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

export async function runStateStoreBench() {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-bench-state-'));
  const file = join(dir, 's.json');
  const diskPerSecond = await fsyncedAppendsPerSecond(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, file, String(USERS)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.split(' ')[1] ?? ''));
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
  const [code] = await exited;
  const stopMs = performance.now() - stopping;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as WorkspaceState;
  const ids = new Set(saved.users.map((user) => user.id));
  const lost = [...acknowledged].filter((id) => !ids.has(id)).length;
  rmSync(dir, { recursive: true, force: true });

  const result = {
    users: USERS,
    concurrency: CONCURRENCY,
    creates: latencies.length,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    unexpected,
    diskAppendsPerSecond: diskPerSecond,
    stopMs,
    exitCode: code as number | null,
    acknowledged: acknowledged.size,
    lost,
    goalPerSecond: GOAL_PER_SECOND,
  };
  printTable(`--state: POST /users with ${USERS} users, concurrency ${CONCURRENCY}, each durable before its 201`, [
    {
      metric: 'creates per second',
      value: `${result.perSecond.toFixed(0)} (${result.creates} in ${(elapsedMs / 1000).toFixed(1)} s, ${unexpected} not 201)`,
      goal: `≥ ${GOAL_PER_SECOND}`,
      ok: result.perSecond >= GOAL_PER_SECOND && unexpected === 0,
    },
    { metric: 'latency p50 / p99', value: `${ms(result.p50Ms, 2)} / ${ms(result.p99Ms, 2)}` },
    { metric: 'this disk: appends with fdatasync, one at a time', value: `${diskPerSecond.toFixed(0)} per second` },
    {
      metric: 'SIGTERM → exit (the final compaction)',
      value: `${ms(stopMs, 0)}, exit code ${code}`,
      ok: code === 0,
    },
    {
      metric: 'acknowledged creates missing from the saved state',
      value: `${lost} of ${acknowledged.size}`,
      ok: lost === 0,
    },
  ]);
  saveResult('state-store', result);
  return result;
}

if (isMain(import.meta.url)) await runStateStoreBench();
