// The optional client-side limiter spaces request starts evenly: N requests at R per second take
// about (N-1)/R seconds, whichever methods they call and however concurrently they are made.
// Bounds are one-sided where possible (timers never fire early) so a loaded machine cannot fail them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Pachca, PachcaConfigError } from '../../src/index.js';
import { clientFor, startServer, type TestServer } from '../support/http-server.js';
import { timed } from '../support/assertions.js';

const RATE = 20; // one request every 50 ms
const N = 6;

let server: TestServer;
/** When each request was handed to fetch, i.e. after the limiter let it go. */
let starts: number[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  starts.push(performance.now());
  return globalThis.fetch(input, init);
};
const limited = () => clientFor(server, { rateLimit: { requestsPerSecond: RATE }, fetch: recordingFetch });

beforeAll(async () => {
  server = await startServer();
  server.script({ body: { data: { id: 1 } } });
  await clientFor(server).profile.get(); // warm up: the first fetch of a process is slow
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  starts = [];
  server.script({ body: { data: { id: 1 } } });
});

const burst = (client: Pachca, n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      i % 3 === 0 ? client.users.get(i) : i % 3 === 1 ? client.groupTags.get(i) : client.profile.get(),
    ),
  );

describe('rate limiter', () => {
  it(`${N} concurrent calls at ${RATE} rps take about (N-1)/R s, spaced evenly across methods`, async () => {
    const t0 = performance.now();
    const { ms, error } = await timed(() => burst(limited(), N));
    expect(error).toBeUndefined();
    const expected = ((N - 1) / RATE) * 1000;
    expect(ms).toBeGreaterThanOrEqual(expected * 0.95);
    expect(ms).toBeLessThan(expected + 1_000); // loose: CI machines stall
    expect(starts).toHaveLength(N);
    // Timers never fire early, so request k starts no sooner than k intervals after the burst.
    for (const [k, at] of starts.entries()) expect(at - t0).toBeGreaterThanOrEqual(k * (1000 / RATE) - 2);
  });

  it('without a limit the same burst starts at once (control)', async () => {
    await burst(clientFor(server, { fetch: recordingFetch }), N);
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(((N - 1) / RATE) * 1000 * 0.5);
  });

  it('sequential calls are paced too', async () => {
    const client = limited();
    const { ms } = await timed(async () => {
      for (let i = 0; i < 4; i++) await client.profile.get();
    });
    expect(ms).toBeGreaterThanOrEqual((3 / RATE) * 1000 * 0.9);
  });

  it('a retry takes a slot of its own', async () => {
    server.script({ status: 503, headers: { 'retry-after': '0' } }, { body: { data: { id: 1 } } });
    const client = clientFor(server, { rateLimit: { requestsPerSecond: RATE }, fetch: recordingFetch, maxRetries: 1 });
    const t0 = performance.now();
    await client.profile.get();
    expect(starts).toHaveLength(2);
    expect(starts[1]! - t0).toBeGreaterThanOrEqual(1000 / RATE - 2);
  });

  it('rejects a non-positive rate at construction', () => {
    expect(() => clientFor(server, { rateLimit: { requestsPerSecond: 0 } })).toThrow(
      new PachcaConfigError('rateLimit.requestsPerSecond must be above 0, got 0'),
    );
  });
});
