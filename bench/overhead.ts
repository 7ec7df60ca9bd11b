// Call overhead: `users.get(1)` through the SDK against its peers on the same local server (in a
// child process): plain fetch, openapi-fetch alone (the SDK's transport), openapi-fetch with a
// per-request AbortSignal that a timer aborts (the SDK's one capability fetch itself pays for:
// a timed-out request is really cancelled), and a minimal hand-written client shaped like a
// typical generated SDK. The SDK runs as shipped: retries and per-attempt timeouts on, rate
// limiter off. Calls rotate in interleaved blocks (and rotate which
// goes first) so drift in the machine hits every side alike.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { Pachca } from '../src/index.js';
import { startBenchServer, TOKEN } from './lib/server.js';
import { isMain, machine, median, ms, printTable, quantile, saveResult } from './lib/report.js';

const CALLS = 2_000;
const WARMUP = 300;
const GOAL_RATIO = 1.1;
/** The goal against the like-for-like peer, openapi-fetch with a per-request AbortSignal. */
const GOAL_RATIO_TO_SIGNAL = 1.05;
/** The SDK's default timeoutMs: the peer's timer is armed for as long. */
const TIMEOUT_MS = 30_000;

/** fetch(url, {headers}), json(), a status switch: what a small hand-written API client does. */
function handWrittenClient(baseUrl: string, token: string) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  return {
    async getUser(id: number): Promise<{ id: number }> {
      const response = await fetch(`${baseUrl}/users/${id}`, { headers });
      const body = (await response.json()) as { data: { id: number } };
      switch (response.status) {
        case 200:
          return body.data;
        case 401:
          throw new Error('unauthorized');
        case 404:
          throw new Error('not found');
        default:
          throw new Error(`HTTP ${response.status}`);
      }
    },
  };
}

interface Side {
  name: string;
  call: () => Promise<number>;
  times: number[];
}

export async function runOverhead() {
  const server = await startBenchServer();
  try {
    const client = new Pachca({ token: TOKEN, baseUrl: server.url });
    const headers = { Accept: 'application/json', Authorization: `Bearer ${TOKEN}` };
    const bare = createClient<paths>({ baseUrl: server.url, headers });
    const handWritten = handWrittenClient(server.url, TOKEN);
    const sides: Side[] = [
      {
        name: 'fetch',
        call: async () => {
          const response = await fetch(`${server.url}/users/1`, { headers });
          if (!response.ok) throw new Error(`raw fetch got ${response.status}`);
          return ((await response.json()) as { data: { id: number } }).data.id;
        },
        times: [],
      },
      {
        name: 'openapiFetch',
        call: async () => (await bare.GET('/users/{id}', { params: { path: { id: 1 } } })).data?.data.id ?? -1,
        times: [],
      },
      {
        name: 'openapiFetchSignal',
        call: async () => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
          try {
            const { data } = await bare.GET('/users/{id}', { params: { path: { id: 1 } }, signal: controller.signal });
            return data?.data.id ?? -1;
          } finally {
            clearTimeout(timer);
          }
        },
        times: [],
      },
      { name: 'handWritten', call: async () => (await handWritten.getUser(1)).id, times: [] },
      { name: 'sdk', call: async () => (await client.users.get(1)).id, times: [] },
    ];

    for (let i = 0; i < WARMUP; i++) for (const { call } of sides) await call();
    for (let i = 0; i < CALLS; i++) {
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(i + k) % sides.length]!;
        const start = performance.now();
        if ((await side.call()) !== 1) throw new Error(`${side.name}: wrong user`);
        side.times.push(performance.now() - start);
      }
    }

    const stats = Object.fromEntries(
      sides.map(({ name, times }) => [name, { medianMs: median(times), p99Ms: quantile(times, 0.99) }]),
    ) as Record<
      'fetch' | 'openapiFetch' | 'openapiFetchSignal' | 'handWritten' | 'sdk',
      { medianMs: number; p99Ms: number }
    >;
    const base = stats.openapiFetch;
    const result = {
      calls: CALLS,
      ...stats,
      /** The goal: SDK median over openapi-fetch alone's, measured in the same run. */
      medianRatio: stats.sdk.medianMs / base.medianMs,
      p99Ratio: stats.sdk.p99Ms / base.p99Ms,
      /** The like-for-like goal: SDK median over openapi-fetch with a per-request AbortSignal. */
      medianRatioToSignal: stats.sdk.medianMs / stats.openapiFetchSignal.medianMs,
      p99RatioToSignal: stats.sdk.p99Ms / stats.openapiFetchSignal.p99Ms,
      goalRatioToSignal: GOAL_RATIO_TO_SIGNAL,
      medianRatioToFetch: stats.sdk.medianMs / stats.fetch.medianMs,
      overheadMedianMs: stats.sdk.medianMs - base.medianMs,
      goalRatio: GOAL_RATIO,
      loadAverage: machine().load,
      failedCalls: (await server.stats()).unauthorized,
    };
    const ratio = (value: number) => `${value.toFixed(3)}×`;
    const row = (label: string, { medianMs, p99Ms }: { medianMs: number; p99Ms: number }) => ({
      metric: label,
      value: `${ms(medianMs)} / ${ms(p99Ms)} (${ratio(medianMs / base.medianMs)} / ${ratio(p99Ms / base.p99Ms)})`,
    });
    printTable(
      `Call overhead: ${CALLS} × users.get(1), interleaved, 127.0.0.1 (load average ${result.loadAverage.toFixed(1)})`,
      [
        { metric: 'client: median / p99 (ratio to openapi-fetch alone)', value: '' },
        row('plain fetch + json()', stats.fetch),
        row('openapi-fetch alone (createClient + GET)', base),
        row('openapi-fetch with a per-request AbortSignal', stats.openapiFetchSignal),
        row('hand-written minimal client', stats.handWritten),
        row('pachca-sdk users.get (retries + timeouts on)', stats.sdk),
        { metric: 'SDK overhead over openapi-fetch (median)', value: ms(result.overheadMedianMs) },
        {
          metric: 'SDK / openapi-fetch with a per-request AbortSignal (median)',
          value: ratio(result.medianRatioToSignal),
          goal: `≤ ${GOAL_RATIO_TO_SIGNAL}×`,
          ok: result.medianRatioToSignal <= GOAL_RATIO_TO_SIGNAL,
        },
        { metric: 'SDK / openapi-fetch with a per-request AbortSignal (p99)', value: ratio(result.p99RatioToSignal) },
        {
          metric: 'SDK / openapi-fetch alone (median)',
          value: ratio(result.medianRatio),
          goal: `≤ ${GOAL_RATIO}×`,
          ok: result.medianRatio <= GOAL_RATIO,
        },
        { metric: 'SDK / openapi-fetch alone (p99)', value: ratio(result.p99Ratio) },
      ],
    );
    saveResult('overhead', result);
    return result;
  } finally {
    await server.close();
  }
}

if (isMain(import.meta.url)) await runOverhead();
