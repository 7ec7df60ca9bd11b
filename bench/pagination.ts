// Bulk pagination: 10,000 users served as 200 pages of 50 by a local server that answers every
// 20th request with 429 (Retry-After: 0), read by a client limited to 50 requests/s. The floor is
// the requests the server actually saw ÷ 50 per second; the SDK should add little on top, lose no
// call, yield every user exactly once, and (with `for await`) hold only the current page.
// Run with --expose-gc (bench/run.ts does) so heap figures are after a full collection.
import { Pachca } from '../src/index.js';
import { startBenchServer, TOKEN } from './lib/server.js';
import { isMain, ms, printTable, saveResult } from './lib/report.js';

const USERS = 10_000;
const PAGE_SIZE = 50;
const RATE = 50;
const RATE_LIMIT_EVERY = 20;
const GOAL_RATIO = 1.1;
const GOAL_GROWTH_MB = 20;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

interface Run {
  wallMs: number;
  requests: number;
  rateLimited: number;
  floorMs: number;
  ratio: number;
  failedCalls: number;
  yielded: number;
  /** Users yielded more than once, and users never yielded. */
  duplicates: number;
  missing: number;
}

/** Counts each id once in a bit per user, so checking "exactly once" keeps no user objects alive. */
function tally() {
  const seen = new Uint8Array(USERS + 1);
  let yielded = 0;
  let duplicates = 0;
  return {
    add(id: number) {
      yielded++;
      if (seen[id]) duplicates++;
      seen[id] = 1;
    },
    result: () => ({ yielded, duplicates, missing: seen.subarray(1).filter((bit) => bit === 0).length }),
  };
}

async function measure(read: (client: Pachca, add: (id: number) => void) => Promise<void>): Promise<Run> {
  const server = await startBenchServer({ users: USERS, pageSize: PAGE_SIZE, rateLimitEvery: RATE_LIMIT_EVERY });
  try {
    const client = new Pachca({ token: TOKEN, baseUrl: server.url, rateLimit: { requestsPerSecond: RATE } });
    const counter = tally();
    let failedCalls = 0;
    const start = performance.now();
    await read(client, counter.add).catch((error: unknown) => {
      failedCalls++;
      console.error(error);
    });
    const wallMs = performance.now() - start;
    const stats = await server.stats();
    const floorMs = (stats.requests / RATE) * 1000;
    return {
      wallMs,
      requests: stats.requests,
      rateLimited: stats.rateLimited,
      floorMs,
      ratio: wallMs / floorMs,
      failedCalls: failedCalls + stats.unauthorized,
      ...counter.result(),
    };
  } finally {
    await server.close();
  }
}

export async function runPagination() {
  if (!gc) throw new Error('run with node --expose-gc');

  const listAll = await measure(async (client, add) => {
    for (const user of await client.users.listAll({ limit: PAGE_SIZE })) add(user.id);
  });

  gc();
  const before = heapMb();
  let peak = before;
  const iterate = await measure(async (client, add) => {
    let n = 0;
    for await (const user of client.users.list({ limit: PAGE_SIZE })) {
      add(user.id);
      if (++n % PAGE_SIZE === 0) peak = Math.max(peak, heapMb());
    }
  });
  gc();
  const after = heapMb();
  const memory = {
    beforeMb: before,
    afterMb: after,
    peakMb: peak,
    growthMb: after - before,
    peakGrowthMb: peak - before,
  };

  const ok = (run: Run) => run.failedCalls === 0 && run.yielded === USERS && run.duplicates === 0 && run.missing === 0;
  const rows = (label: string, run: Run) => [
    {
      metric: `${label}: wall / floor`,
      value: `${ms(run.wallMs, 0)} / ${ms(run.floorMs, 0)} = ${run.ratio.toFixed(3)}×`,
      goal: `≤ ${GOAL_RATIO}×`,
      ok: run.ratio <= GOAL_RATIO,
    },
    { metric: `${label}: requests (429s)`, value: `${run.requests} (${run.rateLimited})` },
    {
      metric: `${label}: users yielded / dup / missing / failed`,
      value: `${run.yielded} / ${run.duplicates} / ${run.missing} / ${run.failedCalls}`,
      goal: `${USERS} / 0 / 0 / 0`,
      ok: ok(run),
    },
  ];
  printTable(
    `Bulk pagination: ${USERS} users, ${USERS / PAGE_SIZE} pages, ${RATE} rps limit, 429 every ${RATE_LIMIT_EVERY}th request`,
    [
      ...rows('listAll()', listAll),
      ...rows('for await', iterate),
      {
        metric: 'for await: heap growth (after gc) / peak',
        value: `${memory.growthMb.toFixed(1)} MB / ${memory.peakGrowthMb.toFixed(1)} MB`,
        goal: `< ${GOAL_GROWTH_MB} MB`,
        ok: memory.peakGrowthMb < GOAL_GROWTH_MB,
      },
    ],
  );
  const result = {
    users: USERS,
    pageSize: PAGE_SIZE,
    requestsPerSecond: RATE,
    rateLimitEvery: RATE_LIMIT_EVERY,
    goalRatio: GOAL_RATIO,
    listAll,
    iterate,
    memory,
  };
  saveResult('pagination', result);
  return result;
}

if (isMain(import.meta.url)) await runPagination();
