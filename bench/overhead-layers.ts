// Where the call overhead goes: the same GET built layer by layer on top of plain fetch, with a
// canned in-memory response (no network, so only CPU differs). The fetch stand-in constructs a
// Request from its arguments, as undici's fetch does before it touches the network.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { Pachca } from '../src/index.js';
import { benchUser } from './lib/server.js';
import { isMain, printTable, saveResult } from './lib/report.js';

const ROUNDS = 5;
const CALLS = 5_000;
const body = JSON.stringify({ data: benchUser(1) });
const headers = { Authorization: 'Bearer t', Accept: 'application/json' };

const cannedFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  new Request(input, init);
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
};

export async function runOverheadLayers() {
  const plain = createClient<paths>({ baseUrl: 'http://x', fetch: cannedFetch, headers });
  const sdk = new Pachca({ token: 't', baseUrl: 'http://x', fetch: cannedFetch });
  const path = { params: { path: { id: 1 } } };
  const layers: [string, () => Promise<unknown>][] = [
    ['fetch + json()', async () => (await cannedFetch('http://x/users/1', { headers })).json()],
    ['openapi-fetch GET', () => plain.GET('/users/{id}', path)],
    ['client.raw.GET (+ guard, timeout, retries loop, body read once)', () => sdk.raw.GET('/users/{id}', path)],
    ['SDK users.get (+ args, checks, result, errors)', () => sdk.users.get(1)],
  ];
  // Best of several rounds: the least disturbed estimate of each layer's CPU cost.
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of layers) {
      for (let i = 0; i < CALLS / 5; i++) await call();
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await call();
      best.set(name, Math.min(best.get(name) ?? Infinity, ((performance.now() - start) / CALLS) * 1000));
    }
  }
  const perCallUs = Object.fromEntries(best);
  let previous = 0;
  printTable('Call overhead by layer: CPU per call, canned response, best of 5 rounds', [
    ...[...best].map(([name, us]) => {
      const step = us - previous;
      const row = {
        metric: name,
        value: `${us.toFixed(1)} µs${previous ? ` (${step >= 0 ? '+' : '−'}${Math.abs(step).toFixed(1)})` : ''}`,
      };
      previous = us;
      return row;
    }),
  ]);
  saveResult('overhead-layers', { calls: CALLS, rounds: ROUNDS, perCallUs });
  return { perCallUs };
}

if (isMain(import.meta.url)) await runOverheadLayers();
