// The emulator's throughput and cost: Prism's validating proxy in front of the engine, against
// Prism's example mock on the same operation; the layers one at a time (the public front, Prism,
// the engine alone); and a 10,000-user workspace: start time, memory, and the cost of a page.
import { Pachca } from '../src/index.js';
import { HOST, startMock } from '../scripts/mock.js';
import { freePort } from '../scripts/lib/ports.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { type LoadOptions, type LoadResult, load } from './lib/load.js';
import { isMain, ms, printTable, saveResult } from './lib/report.js';

const CONCURRENCY = 16;
const DURATION_MS = 6000;
const AUTH = { authorization: 'Bearer test-token' };
const USER = '/users/12';
const PAGE = '/users?limit=50';
const BIG = 10_000;
const GOALS = { ratioVsExamples: 0.5, pagesPerSecond: 200, p50Ms: 10, readyMs: 3000, rssMb: 300, perPageRatio: 1.2 };

const rate = (r: LoadResult) => `${r.perSecond.toFixed(0)} req/s (p50 ${ms(r.p50Ms, 1)})`;

const ROUNDS = 3;

/**
 * The same load on several targets, in turns: ROUNDS short runs each, added up, so that the load
 * of a shared machine falls on every target alike.
 */
async function loadInTurns<K extends string>(
  targets: Record<K, string>,
  options: LoadOptions,
): Promise<Record<K, LoadResult>> {
  const runs = Object.fromEntries(Object.keys(targets).map((k) => [k, [] as LoadResult[]])) as Record<K, LoadResult[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const key of Object.keys(targets) as K[]) {
      runs[key].push(await load(targets[key], { ...options, durationMs: options.durationMs / ROUNDS, warmupMs: 300 }));
    }
  }
  const sum = (results: LoadResult[]): LoadResult => {
    const requests = results.reduce((n, r) => n + r.requests, 0);
    return {
      requests,
      perSecond: requests / (((options.durationMs / ROUNDS) * results.length) / 1000),
      p50Ms: results.map((r) => r.p50Ms).sort((a, b) => a - b)[results.length >> 1]!,
      p99Ms: Math.max(...results.map((r) => r.p99Ms)),
      unexpected: results.reduce((n, r) => n + r.unexpected, 0),
    };
  };
  return Object.fromEntries(Object.entries(runs).map(([k, results]) => [k, sum(results as LoadResult[])])) as Record<
    K,
    LoadResult
  >;
}

interface Walk {
  pages: number;
  users: number;
  duplicates: number;
  perPageMs: number;
}

type WalkKind = 'listAll' | 'for await';

/**
 * One walk over the whole workspace: `users.listAll()` (which keeps every user, as its caller
 * asked) or `for await` (which keeps only the current page); its pages, users, repeated ids, time.
 */
async function walkOnce(url: string, kind: WalkKind): Promise<Walk> {
  const client = new Pachca({ baseUrl: url, token: 'test-token', maxRetries: 0, timeoutMs: 60_000 });
  const began = performance.now();
  const seen = new Set<number>();
  let users = 0;
  if (kind === 'listAll') {
    const all = await client.users.listAll({ limit: 50 });
    users = all.length;
    for (const user of all) seen.add(user.id);
  } else {
    for await (const user of client.users.list({ limit: 50 })) {
      users++;
      seen.add(user.id);
    }
  }
  const pages = Math.ceil(users / 50);
  return { pages, users, duplicates: users - seen.size, perPageMs: (performance.now() - began) / pages };
}

/**
 * The per-page time of full walks of a small and a large workspace, taken in turns (one large
 * walk, then as many small walks as make the same number of pages) so that the load of a shared
 * machine falls on both alike.
 */
async function walkInTurns(
  smallUrl: string,
  bigUrl: string,
  rounds: number,
  kind: WalkKind,
): Promise<{ small: Walk; big: Walk }> {
  const total = (walks: Walk[]): Walk => {
    const pages = walks.reduce((n, w) => n + w.pages, 0);
    return {
      pages,
      users: walks[0]!.users,
      duplicates: walks.reduce((n, w) => n + w.duplicates, 0),
      perPageMs: walks.reduce((t, w) => t + w.perPageMs * w.pages, 0) / pages,
    };
  };
  await walkOnce(smallUrl, kind); // warm-up
  const small: Walk[] = [];
  const big: Walk[] = [];
  for (let round = 0; round < rounds; round++) {
    const large = await walkOnce(bigUrl, kind);
    big.push(large);
    for (let pages = 0; pages < large.pages; ) {
      const walk = await walkOnce(smallUrl, kind);
      small.push(walk);
      pages += walk.pages;
    }
  }
  return { small: total(small), big: total(big) };
}

export async function runEmulatorBench() {
  const booting = performance.now();
  const examples = await startMock({ port: await freePort(HOST), log: () => undefined });
  const examplesReadyMs = performance.now() - booting;
  const small = await startEmulatorProcess();
  const c16 = { concurrency: CONCURRENCY, durationMs: DURATION_MS, headers: AUTH };
  const alone = { concurrency: 1, durationMs: DURATION_MS, headers: AUTH };
  const { examples: examplesUser, ...user } = await loadInTurns(
    {
      examples: examples.url + USER,
      front: small.url + USER,
      prism: small.prismUrl + USER,
      engine: small.engineUrl + USER,
    },
    c16,
  );
  await examples.stop();
  const pages = { front: small.url + PAGE, engine: small.engineUrl + PAGE };
  const busy = await loadInTurns(pages, c16);
  const single = await loadInTurns(pages, alone);
  const page = { front: busy.front, engine: busy.engine, frontAlone: single.front, engineAlone: single.engine };
  const big = await startEmulatorProcess(BIG);
  const bigReady = { readyMs: big.readyMs, seededInMs: big.seededInMs };
  const walks = await walkInTurns(small.url, big.url, 2, 'listAll');
  const iterated = await walkInTurns(small.url, big.url, 2, 'for await');
  const rss = big.rssMb();
  await big.close();
  await small.close();
  const { small: smallWalk, big: bigWalk } = walks;

  const result = {
    concurrency: CONCURRENCY,
    examplesUser,
    user,
    page,
    ratioVsExamples: user.front.perSecond / examplesUser.perSecond,
    frontCost: 1 - user.front.perSecond / user.prism.perSecond,
    smallWalk,
    bigWalk,
    perPageRatio: bigWalk.perPageMs / smallWalk.perPageMs,
    iterated,
    iteratedRatio: iterated.big.perPageMs / iterated.small.perPageMs,
    big: { ...bigReady, rssMb: rss },
    examplesReadyMs,
  };
  const walked = [smallWalk, bigWalk, iterated.small, iterated.big];
  const unexpected =
    [examplesUser, ...Object.values(user), ...Object.values(page)].reduce((n, r) => n + r.unexpected, 0) +
    walked.reduce((n, w) => n + w.duplicates, 0);
  printTable(`Emulator: concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s a run, Prism 5.14.2`, [
    { metric: `GET ${USER}, example mock (Prism mock)`, value: rate(examplesUser) },
    {
      metric: `GET ${USER}, emulator through Prism / example mock`,
      value: `${rate(user.front)} = ${result.ratioVsExamples.toFixed(2)}×`,
      goal: `≥ ${GOALS.ratioVsExamples}×`,
      ok: result.ratioVsExamples >= GOALS.ratioVsExamples,
    },
    {
      metric: `GET ${USER}, Prism without the front`,
      value: `${rate(user.prism)} (front costs ${(result.frontCost * 100).toFixed(0)} %)`,
    },
    { metric: `GET ${USER}, engine alone (no Prism)`, value: rate(user.engine) },
    {
      metric: `GET ${PAGE} through Prism`,
      value: rate(page.front),
      goal: `≥ ${GOALS.pagesPerSecond} req/s`,
      ok: page.front.perSecond >= GOALS.pagesPerSecond,
    },
    {
      metric: `GET ${PAGE} through Prism, one client, p50`,
      value: ms(page.frontAlone.p50Ms, 2),
      goal: `≤ ${GOALS.p50Ms} ms`,
      ok: page.frontAlone.p50Ms <= GOALS.p50Ms,
    },
    {
      metric: `GET ${PAGE}, engine alone (no Prism)`,
      value: `${rate(page.engine)}; one client p50 ${ms(page.engineAlone.p50Ms, 2)}`,
    },
    {
      metric: `--users ${BIG}: spawn → serving (seeding alone)`,
      value: `${ms(bigReady.readyMs, 0)} (${ms(bigReady.seededInMs, 0)})`,
      goal: `≤ ${GOALS.readyMs} ms`,
      ok: bigReady.readyMs <= GOALS.readyMs,
    },
    { metric: "Prism's example mock alone: spawn → serving", value: ms(examplesReadyMs, 0) },
    {
      metric: `--users ${BIG}: RSS after the walks (Prism's own)`,
      value: `${rss.emulator.toFixed(0)} MB (${rss.prism.toFixed(0)} MB)`,
      goal: `≤ ${GOALS.rssMb} MB`,
      ok: rss.emulator <= GOALS.rssMb,
    },
    {
      metric: `listAll() per page, in turns: ${bigWalk.pages} pages of ${BIG} users / ${smallWalk.pages} of 120`,
      value: `${ms(bigWalk.perPageMs, 2)} / ${ms(smallWalk.perPageMs, 2)} = ${result.perPageRatio.toFixed(2)}×`,
      goal: `≤ ${GOALS.perPageRatio}×`,
      ok: result.perPageRatio <= GOALS.perPageRatio,
    },
    {
      metric: '  the same walks with for await (only the current page kept)',
      value: `${ms(iterated.big.perPageMs, 2)} / ${ms(iterated.small.perPageMs, 2)} = ${result.iteratedRatio.toFixed(2)}×`,
    },
    {
      metric: 'answers with an unexpected status, users listed twice',
      value: String(unexpected),
      goal: '0',
      ok: unexpected === 0,
    },
  ]);
  saveResult('emulator', result);
  return result;
}

if (isMain(import.meta.url)) await runEmulatorBench();
