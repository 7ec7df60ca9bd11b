// Call overhead: `users.get(1)` through the SDK vs the same GET with plain fetch, against a local
// server; openapi-fetch alone (the SDK's base layer) is measured too, so the table shows which
// layer costs what. Calls rotate (and rotate which goes first) so drift in the machine hits every
// side alike.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { Pachca } from '../src/index.js';
import { startBenchServer, TOKEN } from './lib/server.js';
import { isMain, median, ms, printTable, quantile, saveResult } from './lib/report.js';

const CALLS = 2_000;
const WARMUP = 300;
const GOAL_RATIO = 1.1;

export async function runOverhead() {
  const server = await startBenchServer();
  try {
    const client = new Pachca({ token: TOKEN, baseUrl: server.url });
    const headers = { Accept: 'application/json', Authorization: `Bearer ${TOKEN}` };
    const viaSdk = async () => (await client.users.get(1)).id;
    const bare = createClient<paths>({ baseUrl: server.url, headers });
    const viaOpenapiFetch = async () => {
      const { data } = await bare.GET('/users/{id}', { params: { path: { id: 1 } } });
      return data?.data.id ?? -1;
    };
    const viaFetch = async () => {
      const response = await fetch(`${server.url}/users/1`, { headers });
      if (!response.ok) throw new Error(`raw fetch got ${response.status}`);
      return ((await response.json()) as { data: { id: number } }).data.id;
    };
    const timed = async (call: () => Promise<number>, into: number[]) => {
      const start = performance.now();
      if ((await call()) !== 1) throw new Error('wrong user');
      into.push(performance.now() - start);
    };

    const sdk: number[] = [];
    const raw: number[] = [];
    const base: number[] = [];
    const sides: [() => Promise<number>, number[]][] = [
      [viaSdk, sdk],
      [viaFetch, raw],
      [viaOpenapiFetch, base],
    ];
    for (let i = 0; i < WARMUP; i++) for (const [call] of sides) await call();
    for (let i = 0; i < CALLS; i++) {
      for (let k = 0; k < sides.length; k++) {
        const [call, into] = sides[(i + k) % sides.length]!;
        await timed(call, into);
      }
    }

    const result = {
      calls: CALLS,
      sdk: { medianMs: median(sdk), p99Ms: quantile(sdk, 0.99) },
      fetch: { medianMs: median(raw), p99Ms: quantile(raw, 0.99) },
      openapiFetch: { medianMs: median(base), p99Ms: quantile(base, 0.99) },
      medianRatio: median(sdk) / median(raw),
      p99Ratio: quantile(sdk, 0.99) / quantile(raw, 0.99),
      overheadMedianMs: median(sdk) - median(raw),
      goalRatio: GOAL_RATIO,
      failedCalls: (await server.stats()).unauthorized,
    };
    printTable(`Call overhead: ${CALLS} × users.get(1) vs plain fetch (127.0.0.1)`, [
      { metric: 'SDK median / p99', value: `${ms(result.sdk.medianMs)} / ${ms(result.sdk.p99Ms)}` },
      { metric: 'fetch median / p99', value: `${ms(result.fetch.medianMs)} / ${ms(result.fetch.p99Ms)}` },
      { metric: 'openapi-fetch alone median / p99', value: `${ms(result.openapiFetch.medianMs)} / ${ms(result.openapiFetch.p99Ms)}` },
      { metric: 'SDK overhead (median)', value: ms(result.overheadMedianMs) },
      { metric: '  of which openapi-fetch', value: ms(median(base) - median(raw)) },
      { metric: 'ratio median', value: `${result.medianRatio.toFixed(3)}×`, goal: `≤ ${GOAL_RATIO}×`, ok: result.medianRatio <= GOAL_RATIO },
      { metric: 'ratio p99', value: `${result.p99Ratio.toFixed(3)}×`, goal: `≤ ${GOAL_RATIO}×`, ok: result.p99Ratio <= GOAL_RATIO },
    ]);
    saveResult('overhead', result);
    return result;
  } finally {
    await server.close();
  }
}

if (isMain(import.meta.url)) await runOverhead();
