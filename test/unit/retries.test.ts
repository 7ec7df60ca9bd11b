// Which failures are retried, how many times, how long the client waits, and that an abort cuts
// a backoff wait short. Servers answer with Retry-After: 0 (or Math.random is pinned) to stay fast.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Pachca,
  PachcaAbortError,
  PachcaApiError,
  PachcaConnectionError,
  PachcaRateLimitError,
  PachcaServerError,
} from '../../src/index.js';
import { TOKEN, clientFor, startServer, useTestServer } from '../support/http-server.js';
import { rejection, timed } from '../support/assertions.js';

const NOW_AGAIN = { 'retry-after': '0' };
const OK = { body: { data: { id: 1 } } };

const server = useTestServer();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('retried', () => {
  it.each([429, 500, 502, 503, 504])('a GET answered %i is retried', async (status) => {
    server.script({ status, headers: NOW_AGAIN, body: 'busy' }, OK);
    await expect(clientFor(server, { maxRetries: 2 }).users.get(1)).resolves.toEqual({ id: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('PUT and DELETE are retried too', async () => {
    const client = clientFor(server, { maxRetries: 2 });
    server.script({ status: 503, headers: NOW_AGAIN }, OK);
    await client.users.update(1, { user: { title: 'CTO' } });
    server.script({ status: 502, headers: NOW_AGAIN }, { status: 204 });
    await client.users.delete(1);
    expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE']);
    expect(server.requests[1]?.body.toString()).toBe(server.requests[0]?.body.toString());
  });

  it('a dropped connection is retried', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.script({ destroy: true }, OK);
    await expect(clientFor(server, { maxRetries: 1 }).users.get(1)).resolves.toEqual({ id: 1 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('never retried', () => {
  it.each([400, 401, 403, 404, 422])('a GET answered %i', async (status) => {
    server.script({ status, body: { errors: [] } }, OK);
    const error = await rejection(clientFor(server, { maxRetries: 3 }).users.get(1));
    expect(error).toBeInstanceOf(PachcaApiError);
    expect((error as PachcaApiError).status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it.each([429, 503])('a POST answered %i', async (status) => {
    server.script({ status, headers: NOW_AGAIN }, { status: 201, body: { data: { id: 1 } } });
    const error = await rejection(clientFor(server, { maxRetries: 3 }).groupTags.create({ group_tag: { name: 'QA' } }));
    expect((error as PachcaApiError).status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it('a POST whose connection dropped', async () => {
    server.script({ destroy: true }, { status: 201, body: { data: { id: 1 } } });
    const error = await rejection(clientFor(server, { maxRetries: 3 }).users.create({ user: { email: 'a@b.c' } }));
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retry cap', () => {
  it.each([0, 1, 3])('maxRetries %i allows that many retries, then throws the last error', async (maxRetries) => {
    server.script({ status: 503, headers: NOW_AGAIN, body: 'down' });
    const error = await rejection(clientFor(server, { maxRetries }).users.get(1));
    expect(error).toBeInstanceOf(PachcaServerError);
    expect(server.requests).toHaveLength(maxRetries + 1);
  });

  it('defaults to 2 retries', async () => {
    server.script({ status: 429, headers: NOW_AGAIN });
    const error = await rejection(new Pachca({ token: TOKEN, baseUrl: server.url }).users.get(1));
    expect(error).toBeInstanceOf(PachcaRateLimitError);
    expect(server.requests).toHaveLength(3);
  });
});

describe('waiting between attempts', () => {
  // These two wait about a second each, so they run side by side, each with its own server.
  // The earliest time the retry may leave, in epoch ms, from the first request's arrival.
  it.concurrent.each([
    ['in seconds', () => '1', (firstAt: number) => firstAt + 1_000],
    // HTTP dates have whole seconds: now + 1.5 s is between 0.5 and 1.5 s away, less the time the
    // first request takes to arrive on a busy machine; the retry must wait for the date itself.
    [
      'as an HTTP date',
      () => new Date(Date.now() + 1_500).toUTCString(),
      (_: number, header: string) => Date.parse(header),
    ],
  ])('honours Retry-After %s', async (_, retryAfter, earliest) => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // backoff alone would not wait at all
    const own = await startServer();
    try {
      const header = retryAfter();
      own.script({ status: 429, headers: { 'retry-after': header } }, OK);
      const { ms, error } = await timed(() => clientFor(own, { maxRetries: 1 }).users.get(1));
      expect(error).toBeUndefined();
      expect(own.requests).toHaveLength(2);
      expect(ms).toBeLessThan(3_000);
      const [first, second] = own.requests.map((request) => performance.timeOrigin + request.at) as [number, number];
      // 50 ms for the clocks' rounding (Retry-After in seconds, timers in whole ms).
      expect(second).toBeGreaterThanOrEqual(earliest(first, header) - 50);
    } finally {
      await own.close();
    }
  });

  it('without Retry-After waits a jittered backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // 0.5 · 500 ms before the first retry
    server.script({ status: 500 }, OK);
    const { ms } = await timed(() => clientFor(server, { maxRetries: 1 }).users.get(1));
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(1_500);
  });

  it('an abort during a backoff wait rejects at once with PachcaAbortError', async () => {
    // Retry-After of an hour is clamped to 8 s; the abort must not wait that out.
    server.script({ status: 503, headers: { 'retry-after': '3600' } }, OK);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { ms, error } = await timed(() =>
      clientFor(server, { maxRetries: 2 }).users.get(1, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(ms).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});
