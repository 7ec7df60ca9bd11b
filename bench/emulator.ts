// The emulator's throughput and cost: Prism's validating proxy in front of the engine, against
// Prism's example mock on the same operation; the layers one at a time (the public front, Prism,
// the engine alone); and a 10,000-user workspace: start time, memory, and the cost of a page.
import { Pachca } from '../src/index.js';
import { HOST, startMock } from '../scripts/mock.js';
import { freePort } from '../scripts/lib/ports.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { load, type LoadResult } from './lib/load.js';
import { isMain, ms, printTable, saveResult } from './lib/report.js';

const CONCURRENCY = 16;
const DURATION_MS = 4000;
const AUTH = { authorization: 'Bearer test-token' };
const USER = '/users/12';
const PAGE = '/users?limit=50';
const BIG = 10_000;
const GOALS = { ratioVsExamples: 0.5, pagesPerSecond: 200, p50Ms: 10, readyMs: 3000, rssMb: 300, perPageRatio: 1.2 };

const rate = (r: LoadResult) => `${r.perSecond.toFixed(0)} req/s (p50 ${ms(r.p50Ms, 1)})`;

/** Per-page time of `users.listAll()` over the whole workspace, walked `walks` times. */
async function walk(
  url: string,
  walks: number,
): Promise<{ pages: number; users: number; duplicates: number; perPageMs: number }> {
  const client = new Pachca({ baseUrl: url, token: 'test-token', maxRetries: 0, timeoutMs: 30_000 });
  let users: { id: number }[] = [];
  const began = performance.now();
  for (let i = 0; i < walks; i++) users = await client.users.listAll({ limit: 50 });
  const pages = Math.ceil(users.length / 50) * walks;
  const duplicates = users.length - new Set(users.map((u) => u.id)).size;
  return { pages, users: users.length, duplicates, perPageMs: (performance.now() - began) / pages };
}

export async function runEmulatorBench() {
  const examples = await startMock({ port: await freePort(HOST), log: () => undefined });
  const examplesUser = await load(examples.url + USER, {
    concurrency: CONCURRENCY,
    durationMs: DURATION_MS,
    headers: AUTH,
  });
  await examples.stop();

  const small = await startEmulatorProcess();
  const c16 = { concurrency: CONCURRENCY, durationMs: DURATION_MS, headers: AUTH };
  const alone = { concurrency: 1, durationMs: DURATION_MS, headers: AUTH };
  const user = {
    front: await load(small.url + USER, c16),
    prism: await load(small.prismUrl + USER, c16),
    engine: await load(small.engineUrl + USER, c16),
  };
  const page = {
    front: await load(small.url + PAGE, c16),
    frontAlone: await load(small.url + PAGE, alone),
    engine: await load(small.engineUrl + PAGE, c16),
    engineAlone: await load(small.engineUrl + PAGE, alone),
  };
  const smallWalk = await walk(small.url, 20);
  await small.close();

  const big = await startEmulatorProcess(BIG);
  const bigWalk = await walk(big.url, 1);
  const rss = big.rssMb();
  const bigReady = { readyMs: big.readyMs, seededInMs: big.seededInMs };
  await big.close();

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
    big: { ...bigReady, rssMb: rss },
  };
  const unexpected = [examplesUser, ...Object.values(user), ...Object.values(page)].reduce(
    (n, r) => n + r.unexpected,
    0,
  );
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
    {
      metric: `--users ${BIG}: RSS after a full walk (Prism's own)`,
      value: `${rss.emulator.toFixed(0)} MB (${rss.prism.toFixed(0)} MB)`,
      goal: `≤ ${GOALS.rssMb} MB`,
      ok: rss.emulator <= GOALS.rssMb,
    },
    {
      metric: `listAll() per page: ${bigWalk.pages} pages (${BIG} users) / ${smallWalk.pages} pages (120 users, 20 walks)`,
      value: `${ms(bigWalk.perPageMs, 2)} / ${ms(smallWalk.perPageMs, 2)} = ${result.perPageRatio.toFixed(2)}×`,
      goal: `≤ ${GOALS.perPageRatio}×`,
      ok: result.perPageRatio <= GOALS.perPageRatio,
    },
    { metric: 'answers with an unexpected status', value: String(unexpected), goal: '0', ok: unexpected === 0 },
  ]);
  saveResult('emulator', result);
  return result;
}

if (isMain(import.meta.url)) await runEmulatorBench();
