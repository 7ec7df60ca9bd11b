// Cold start: a fresh node process imports the built package (dist/, through its own `exports`,
// as a user's code would) and constructs a client, vs one that imports openapi-fetch alone (and
// one that also creates an openapi-fetch client, which loads Node's fetch) and one that does
// nothing. Runs are interleaved; the table shows medians.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildPackage } from '../scripts/build.js';
import { distIsStale } from '../scripts/lib/pack.js';
import { ROOT } from '../scripts/lib/spec.js';
import { isMain, median, ms, printTable, saveResult } from './lib/report.js';

const RUNS = 15;
const run = promisify(execFile);

// Each prints the ms from process start to "ready", measured inside the process.
const REPORT = 'console.log(performance.now());';
const variants = {
  'node, empty script': ['--input-type=module', '-e', REPORT],
  'import openapi-fetch': ['--input-type=module', '-e', `await import('openapi-fetch'); ${REPORT}`],
  // createClient() reads globalThis.Request, which makes Node load its fetch implementation (undici).
  'import openapi-fetch + createClient()': [
    '--input-type=module',
    '-e',
    `const { default: createClient } = await import('openapi-fetch'); createClient({ baseUrl: 'http://x' }); ${REPORT}`,
  ],
  'import pachca-sdk + new Pachca() (ESM)': [
    '--input-type=module',
    '-e',
    `const { Pachca } = await import('pachca-sdk'); new Pachca({ token: 't' }); ${REPORT}`,
  ],
  'require pachca-sdk + new Pachca() (CJS)': [
    '--input-type=commonjs',
    '-e',
    `const { Pachca } = require('pachca-sdk'); new Pachca({ token: 't' }); ${REPORT}`,
  ],
} satisfies Record<string, string[]>;
type Variant = keyof typeof variants;

export async function runColdStart() {
  if (distIsStale()) await buildPackage();
  const names = Object.keys(variants) as Variant[];
  const ready: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i++) {
    for (const name of names) {
      const start = performance.now();
      // cwd is the repository, so `pachca-sdk` resolves to dist/ through the package's own exports.
      const { stdout } = await run(process.execPath, variants[name], { cwd: ROOT });
      wall[name] = [...(wall[name] ?? []), performance.now() - start];
      ready[name] = [...(ready[name] ?? []), Number(stdout.trim())];
    }
  }
  const summary = Object.fromEntries(
    names.map((name) => [name, { readyMs: median(ready[name]!), processMs: median(wall[name]!) }]),
  );
  const base = summary['import openapi-fetch']!.readyMs;
  const empty = summary['node, empty script']!.readyMs;
  printTable(`Cold start: median of ${RUNS} fresh processes: start → ready (+ over an empty script); whole process`, [
    ...names.map((name) => ({
      metric: name,
      value:
        `${ms(summary[name]!.readyMs, 1)}` +
        (name === 'node, empty script' ? '' : ` (+${ms(summary[name]!.readyMs - empty, 1)})`) +
        `; process ${ms(summary[name]!.processMs, 1)}`,
    })),
    {
      metric: 'SDK (ESM) vs openapi-fetch alone',
      value: `${(summary['import pachca-sdk + new Pachca() (ESM)']!.readyMs / base).toFixed(2)}×`,
    },
    {
      metric: 'SDK (ESM) vs openapi-fetch + createClient()',
      value: `${(summary['import pachca-sdk + new Pachca() (ESM)']!.readyMs / summary['import openapi-fetch + createClient()']!.readyMs).toFixed(2)}×`,
    },
  ]);
  const result = { runs: RUNS, variants: summary };
  saveResult('cold-start', result);
  return result;
}

if (isMain(import.meta.url)) await runColdStart();
