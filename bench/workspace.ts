// The cost of a pachca-sdk/msw workspace. Creating one in Node: each run is a fresh node process
// that imports the built `pachca-sdk/msw` (as a test file does) and times `createWorkspace()` alone,
// the first call (what a test file pays) and then warm calls. And what a browser app that uses it
// downloads: esbuild, minified, gzip, beside the same app with today's example handlers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildPackage } from '../scripts/build.js';
import { bundleForBrowser, kb } from '../scripts/lib/browser-bundle.js';
import { distIsStale } from '../scripts/lib/pack.js';
import { ROOT } from '../scripts/lib/spec.js';
import { isMain, median, ms, printTable, saveResult } from './lib/report.js';

const RUNS = 7;
const WARM_CALLS = 10;
const GOAL_MS = 200;
const SIZES = [120, 1_000, 10_000];
const run = promisify(execFile);

/** A node process that times its first and then its warm createWorkspace() calls. */
const timing = (users: number) => `
const { createWorkspace } = await import('pachca-sdk/msw');
const time = () => { const started = performance.now(); createWorkspace({ users: ${users} }); return performance.now() - started; };
const first = time();
const warm = Array.from({ length: ${WARM_CALLS} }, time);
console.log(JSON.stringify({ first, warm }));`;

async function creation(users: number) {
  const firsts: number[] = [];
  const warms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', timing(users)], { cwd: ROOT });
    const { first, warm } = JSON.parse(stdout) as { first: number; warm: number[] };
    firsts.push(first);
    warms.push(...warm);
  }
  return { users, firstMs: median(firsts), firstMaxMs: Math.max(...firsts), warmMs: median(warms) };
}

// Each app starts MSW's worker and makes one SDK call, so nothing is shaken out.
const app = (mswImport: string, handlers: string) => `
import { setupWorker } from 'msw/browser';
import { Pachca } from './src/index.js';
import { ${mswImport} } from './src/msw/index.js';
export async function start() {
  await setupWorker(...${handlers}).start();
  return new Pachca({ token: 'test-token' }).users.get(12);
}`;
const APPS = {
  'the SDK + msw/browser + createWorkspace()': app('createWorkspace', 'createWorkspace().handlers'),
  'the SDK + msw/browser + handlers() (example answers)': app('handlers', 'handlers()'),
  'msw/browser alone': `import { setupWorker } from 'msw/browser';\nexport const start = () => setupWorker().start();`,
};

export async function runWorkspaceBench() {
  if (distIsStale()) await buildPackage();
  const sizes = await Promise.all(
    Object.entries(APPS).map(async ([name, source]) => {
      const bundle = await bundleForBrowser({ source });
      const engine = bundle.inputs.filter(({ path }) => /^(src\/emulator|generated\/emulator-pools)/.test(path));
      return {
        name,
        gzipBytes: bundle.gzipBytes,
        minifiedBytes: bundle.minifiedBytes,
        engineMinifiedBytes: engine.reduce((sum, { bytes }) => sum + bytes, 0),
      };
    }),
  );
  const creations = [];
  for (const users of SIZES) creations.push(await creation(users));
  const goal = creations.find(({ users }) => users === 1_000)!;
  const [workspaceApp, handlersApp] = sizes;
  printTable(
    `pachca-sdk/msw workspace: createWorkspace() in Node (median of ${RUNS} fresh processes), browser app size`,
    [
      ...creations.map(({ users, firstMs, firstMaxMs, warmMs }) => ({
        metric: `createWorkspace({ users: ${users.toLocaleString('en')} }): first call / warm`,
        value: `${ms(firstMs, 0)} (max ${ms(firstMaxMs, 0)}) / ${ms(warmMs, 0)}`,
        ...(users === 1_000 ? { goal: `≤ ${GOAL_MS} ms`, ok: firstMs <= GOAL_MS } : {}),
      })),
      ...sizes.map(({ name, gzipBytes, minifiedBytes }) => ({
        metric: `browser app: ${name} (gzip)`,
        value: `${kb(gzipBytes)} (${kb(minifiedBytes)} minified)`,
      })),
      {
        metric: '  the workspace beyond handlers() (gzip, difference)',
        value: kb(workspaceApp!.gzipBytes - handlersApp!.gzipBytes),
      },
      { metric: '  the engine and its name pools (minified)', value: kb(workspaceApp!.engineMinifiedBytes) },
    ],
  );
  const result = { creations, goalMs: GOAL_MS, createMs: goal.firstMs, appGzipBytes: workspaceApp!.gzipBytes, sizes };
  saveResult('workspace', result);
  return result;
}

if (isMain(import.meta.url)) await runWorkspaceBench();
