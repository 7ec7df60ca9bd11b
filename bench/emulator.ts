// The emulator's throughput and cost, as `pachca emulator` serves it (one process, every request
// and answer checked against the spec in-process), against Prism's example mock on the same
// operation; the engine alone (emulator.handle() in-process, no HTTP, no spec check); and a
// 10,000-user workspace: start to first answer, memory, and the cost of a page.
import { Pachca } from '../src/index.js';
import { createEmulator } from '../src/emulator/index.js';
import { freePort, HOST } from '../scripts/lib/ports.js';
import { startPrism } from '../scripts/lib/prism.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { type LoadOptions, type LoadResult, load } from './lib/load.js';
import { isMain, ms, printTable, quantile, saveResult } from './lib/report.js';

const CONCURRENCY = 16;
const DURATION_MS = 6000;
const AUTH = { authorization: 'Bearer test-token' };
const USER = '/users/12';
const PAGE = '/users?limit=50';
const BIG = 10_000;
const GOALS = {
  userVsExamples: 2,
  pageVsExamples: 1,
  p50Ms: 1.5,
  readyMs: 1000,
  bigReadyMs: 2000,
  rssMb: 200,
  perPageRatio: 1.2,
};

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

/** The engine alone: `emulator.handle()` in this process, one call after another, for DURATION_MS / 3. */
async function engineAlone(path: string): Promise<{ perSecond: number; p50Ms: number }> {
  const emulator = createEmulator();
  const times: number[] = [];
  const until = performance.now() + DURATION_MS / 3;
  while (performance.now() < until) {
    const began = performance.now();
    const response = await emulator.handle(new Request(`http://emulator${path}`, { headers: AUTH }));
    await response.arrayBuffer();
    times.push(performance.now() - began);
  }
  return { perSecond: times.length / (DURATION_MS / 3 / 1000), p50Ms: quantile(times, 0.5) };
}

export async function runEmulatorBench() {
  const booting = performance.now();
  const examples = await startPrism({ port: await freePort(HOST), log: () => undefined });
  const examplesReadyMs = performance.now() - booting;
  const small = await startEmulatorProcess();
  const c16 = { concurrency: CONCURRENCY, durationMs: DURATION_MS, headers: AUTH };
  const alone = { concurrency: 1, durationMs: DURATION_MS, headers: AUTH };
  const user = await loadInTurns({ examples: examples.url + USER, emulator: small.url + USER }, c16);
  const page = await loadInTurns({ examples: examples.url + PAGE, emulator: small.url + PAGE }, c16);
  const single = await loadInTurns({ emulator: small.url + PAGE }, alone);
  await examples.stop();
  const engine = { user: await engineAlone(USER), page: await engineAlone(PAGE) };
  const big = await startEmulatorProcess(BIG);
  const walks = await walkInTurns(small.url, big.url, 2, 'listAll');
  const iterated = await walkInTurns(small.url, big.url, 2, 'for await');
  const rss = big.rssMb();
  await big.close();
  await small.close();
  const { small: smallWalk, big: bigWalk } = walks;

  const result = {
    concurrency: CONCURRENCY,
    user,
    page,
    single: single.emulator,
    engine,
    userVsExamples: user.emulator.perSecond / user.examples.perSecond,
    pageVsExamples: page.emulator.perSecond / page.examples.perSecond,
    smallWalk,
    bigWalk,
    perPageRatio: bigWalk.perPageMs / smallWalk.perPageMs,
    iterated,
    iteratedRatio: iterated.big.perPageMs / iterated.small.perPageMs,
    readyMs: small.readyMs,
    big: { readyMs: big.readyMs, rssMb: rss },
    examplesReadyMs,
  };
  const walked = [smallWalk, bigWalk, iterated.small, iterated.big];
  const unexpected =
    [...Object.values(user), ...Object.values(page), single.emulator].reduce((n, r) => n + r.unexpected, 0) +
    walked.reduce((n, w) => n + w.duplicates, 0);
  printTable(
    `Emulator (pachca emulator, spec checked in-process): concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s a run`,
    [
      { metric: `GET ${USER}, Prism's example mock`, value: rate(user.examples) },
      {
        metric: `GET ${USER}, emulator / example mock`,
        value: `${rate(user.emulator)} = ${result.userVsExamples.toFixed(2)}×`,
        goal: `≥ ${GOALS.userVsExamples}×`,
        ok: result.userVsExamples >= GOALS.userVsExamples,
      },
      {
        metric: `GET ${PAGE} (50 users) / example mock's list (2 users)`,
        value: `${rate(page.emulator)} / ${rate(page.examples)} = ${result.pageVsExamples.toFixed(2)}×`,
        goal: `≥ ${GOALS.pageVsExamples}×`,
        ok: result.pageVsExamples >= GOALS.pageVsExamples,
      },
      {
        metric: `GET ${PAGE}, one client, p50`,
        value: ms(single.emulator.p50Ms, 2),
        goal: `≤ ${GOALS.p50Ms} ms`,
        ok: single.emulator.p50Ms <= GOALS.p50Ms,
      },
      {
        metric: 'engine alone, in-process (no HTTP, no spec check)',
        value: `${USER} ${engine.user.perSecond.toFixed(0)}/s; ${PAGE} ${engine.page.perSecond.toFixed(0)}/s (p50 ${ms(engine.page.p50Ms, 2)})`,
      },
      {
        metric: 'spawn → first answer, 120 users',
        value: ms(small.readyMs, 0),
        goal: `≤ ${GOALS.readyMs} ms`,
        ok: small.readyMs <= GOALS.readyMs,
      },
      {
        metric: `spawn → first answer, ${BIG} users`,
        value: ms(big.readyMs, 0),
        goal: `≤ ${GOALS.bigReadyMs} ms`,
        ok: big.readyMs <= GOALS.bigReadyMs,
      },
      { metric: "Prism's example mock: spawn → serving", value: ms(examplesReadyMs, 0) },
      {
        metric: `--users ${BIG}: RSS of the process after the walks`,
        value: `${rss.toFixed(0)} MB`,
        goal: `≤ ${GOALS.rssMb} MB`,
        ok: rss <= GOALS.rssMb,
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
    ],
  );
  saveResult('emulator', result);
  return result;
}

if (isMain(import.meta.url)) await runEmulatorBench();
