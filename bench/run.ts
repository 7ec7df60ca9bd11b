// `npm run bench`: every benchmark in a fresh node process (so one's heap and JIT state cannot
// colour the next), then a summary of the goals. Results: bench/results/*.json (gitignored).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/spec.js';
import type { runBundleSize } from './bundle-size.js';
import type { runColdStart } from './cold-start.js';
import type { runEmulatorBench } from './emulator.js';
import { machine, ms, printTable, RESULTS_DIR, saveResult, type Row } from './lib/report.js';
import type { runOverhead } from './overhead.js';
import type { runPagination } from './pagination.js';
import type { runStateStoreBench } from './state-store.js';
import type { runWorkspaceBench } from './workspace.js';

const benches: { name: string; flags?: string[] }[] = [
  { name: 'overhead' },
  { name: 'overhead-layers' },
  { name: 'bundle-size' },
  { name: 'pagination', flags: ['--expose-gc'] },
  { name: 'cold-start' },
  { name: 'emulator' },
  { name: 'workspace' },
  { name: 'state-store' },
];

let failed = false;
for (const { name, flags = [] } of benches) {
  const result = spawnSync(process.execPath, [...flags, '--import', 'tsx', join(ROOT, 'bench', `${name}.ts`)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`✖ bench/${name}.ts failed`);
    failed = true;
  }
}
if (failed) process.exit(1);

type ResultOf<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
const load = <T>(name: string): T => JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), 'utf8')) as T;
const overhead = load<ResultOf<typeof runOverhead>>('overhead');
const bundle = load<ResultOf<typeof runBundleSize>>('bundle-size');
const pagination = load<ResultOf<typeof runPagination>>('pagination');
const cold = load<ResultOf<typeof runColdStart>>('cold-start');
const emulator = load<ResultOf<typeof runEmulatorBench>>('emulator');
const workspace = load<ResultOf<typeof runWorkspaceBench>>('workspace');
const stateStore = load<ResultOf<typeof runStateStoreBench>>('state-store');
const sdkCold = cold.variants['import pachca-sdk + new Pachca() (ESM)']!;
const baseCold = cold.variants['import openapi-fetch']!;
const clientCold = cold.variants['import openapi-fetch + createClient()']!;

const rows: Row[] = [
  {
    metric: 'users.get: SDK / openapi-fetch with a per-request AbortSignal (median)',
    value: `${overhead.medianRatioToSignal.toFixed(3)}×`,
    goal: `≤ ${overhead.goalRatioToSignal.toFixed(2)}×`,
    ok: overhead.medianRatioToSignal <= overhead.goalRatioToSignal,
  },
  {
    metric: 'users.get: SDK / openapi-fetch alone (median)',
    value: `${overhead.medianRatio.toFixed(3)}× (+${ms(overhead.overheadMedianMs)})`,
    goal: `≤ ${overhead.goalRatio.toFixed(2)}×`,
    ok: overhead.medianRatio <= overhead.goalRatio,
  },
  {
    metric: 'users.get: hand-written client / openapi-fetch (median)',
    value: `${(overhead.handWritten.medianMs / overhead.openapiFetch.medianMs).toFixed(3)}×`,
  },
  {
    metric: 'users.get: plain fetch / openapi-fetch (median)',
    value: `${(overhead.fetch.medianMs / overhead.openapiFetch.medianMs).toFixed(3)}×`,
  },
  {
    metric: 'browser bundle: runtime (gzip)',
    value: `${bundle.runtimeGzipBytes} B`,
    goal: `≤ ${bundle.runtimeCeilingBytes} B`,
    ok: bundle.runtimeGzipBytes <= bundle.runtimeCeilingBytes,
  },
  {
    metric: 'browser bundle: operation table (gzip)',
    value: `${bundle.tableGzipBytesPerOperation.toFixed(1)} B per operation (${bundle.operations})`,
  },
  {
    metric: 'listAll() wall / floor',
    value: `${pagination.listAll.ratio.toFixed(3)}×`,
    goal: '≤ 1.10×',
    ok: pagination.listAll.ratio <= 1.1,
  },
  {
    metric: 'for await wall / floor',
    value: `${pagination.iterate.ratio.toFixed(3)}×`,
    goal: '≤ 1.10×',
    ok: pagination.iterate.ratio <= 1.1,
  },
  {
    metric: 'for await peak heap growth',
    value: `${pagination.memory.peakGrowthMb.toFixed(1)} MB`,
    goal: '< 20 MB',
    ok: pagination.memory.peakGrowthMb < 20,
  },
  {
    metric: 'emulator: GET /users/{id} / Prism example mock (c16)',
    value: `${emulator.userVsExamples.toFixed(2)}×`,
    goal: '≥ 2×',
    ok: emulator.userVsExamples >= 2,
  },
  {
    metric: "emulator: GET /users?limit=50 / the example mock's list (c16)",
    value: `${emulator.pageVsExamples.toFixed(2)}× (${emulator.page.emulator.perSecond.toFixed(0)} req/s)`,
    goal: '≥ 1×',
    ok: emulator.pageVsExamples >= 1,
  },
  {
    metric: 'emulator: the same page, one client, p50',
    value: ms(emulator.single.p50Ms, 2),
    goal: '≤ 1.5 ms',
    ok: emulator.single.p50Ms <= 1.5,
  },
  {
    metric: 'emulator: spawn → first answer, 120 / 10,000 users; RSS at 10,000',
    value: `${ms(emulator.readyMs, 0)} / ${ms(emulator.big.readyMs, 0)}; ${emulator.big.rssMb.toFixed(0)} MB`,
    goal: '≤ 1000 / ≤ 2000 ms; ≤ 200 MB',
    ok: emulator.readyMs <= 1000 && emulator.big.readyMs <= 2000 && emulator.big.rssMb <= 200,
  },
  {
    metric: 'emulator: listAll() per page, 10,000 / 120 users',
    value: `${emulator.perPageRatio.toFixed(2)}×`,
    goal: '≤ 1.2×',
    ok: emulator.perPageRatio <= 1.2,
  },
  {
    metric: `emulator --state, ${stateStore.users} users: creates/s at concurrency ${stateStore.concurrency}, each fsynced before its 201`,
    value: `${stateStore.perSecond.toFixed(0)}/s, ${((stateStore.perSecond / stateStore.withoutStatePerSecond) * 100).toFixed(0)} % of no --state (disk: ${stateStore.diskAppendsPerSecond.toFixed(0)} fsyncs/s; ${stateStore.lost} lost)`,
    goal: `≥ ${stateStore.goalPerSecond}/s, none lost`,
    ok: stateStore.perSecond >= stateStore.goalPerSecond && stateStore.lost === 0 && stateStore.unexpected === 0,
  },
  {
    metric: 'pachca-sdk/msw: createWorkspace({ users: 1000 }), first call in a fresh process',
    value: ms(workspace.createMs, 0),
    goal: `≤ ${workspace.goalMs} ms`,
    ok: workspace.createMs <= workspace.goalMs,
  },
  {
    metric: 'pachca-sdk/msw: browser app with the SDK, msw/browser and a workspace (gzip)',
    value: `${(workspace.appGzipBytes / 1024).toFixed(2)} KB`,
  },
  {
    metric: 'cold start: SDK vs openapi-fetch (+ createClient)',
    value: `${ms(sdkCold.readyMs, 1)} vs ${ms(baseCold.readyMs, 1)} (${ms(clientCold.readyMs, 1)})`,
  },
];
const { cpu, cores, node, load: loadAverage } = machine();
printTable(`Summary — ${cpu}, ${cores} cores, Node ${node}, load average ${loadAverage.toFixed(1)}`, rows);
saveResult('summary', { rows });
