// Retries against a misbehaving server: 429 storms with Retry-After (seconds and HTTP date),
// 5xx bursts, statuses that must never be retried, and POST, which is never retried at all.
// Every case ends in success or the right typed error within its deadline, and no error text
// holds the token. Each test has its own server, so they run concurrently (most time is waiting).
import { describe, expect, it } from 'vitest';
import {
  PachcaApiError,
  PachcaConnectionError,
  PachcaRateLimitError,
  PachcaServerError,
  PachcaTimeoutError,
  type Pachca,
} from '../../src/index.js';
import { expectTokenHidden, timed } from '../support/assertions.js';
import { FAULT_TOKEN, USER, deadline, faultClient, sendJson, serve, type FaultHandler } from './fault-server.js';

const tooManyRequests =
  (retryAfter: string): FaultHandler =>
  (_, res) => {
    res.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'text/plain' });
    res.end('Too Many Requests');
  };

describe.concurrent('429 with Retry-After', () => {
  it('a storm shorter than maxRetries ends in success', async (ctx) => {
    const storm = tooManyRequests('0');
    const s = await serve((req, res, c) => (c.hit < 3 ? storm(req, res, c) : sendJson(res, 200, USER)), ctx);
    const { value, error, ms } = await timed(() => faultClient(s, { maxRetries: 3 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(s.hits).toBe(4);
    expect(ms).toBeLessThan(deadline(0)); // Retry-After: 0 replaces the jittered backoff
  });

  it('a storm longer than maxRetries ends in PachcaRateLimitError', async (ctx) => {
    const s = await serve(tooManyRequests('0'), ctx);
    const { error, ms } = await timed(() => faultClient(s, { maxRetries: 2 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaRateLimitError);
    expect(error).toMatchObject({ status: 429, body: 'Too Many Requests' });
    expect((error as PachcaRateLimitError).headers.get('retry-after')).toBe('0');
    expect(s.hits).toBe(3);
    expect(ms).toBeLessThan(deadline(0));
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it('Retry-After in seconds is waited out', async (ctx) => {
    const s = await serve(
      (req, res, c) => (c.hit === 0 ? tooManyRequests('1')(req, res, c) : sendJson(res, 200, USER)),
      ctx,
    );
    const { error, ms } = await timed(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(s.hits).toBe(2);
    // The first jittered backoff is below 500 ms: only Retry-After explains a full second.
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(deadline(1_000));
  });

  it('Retry-After as an HTTP date is waited out', async (ctx) => {
    // Dates have whole seconds: two seconds ahead is a wait of more than one second.
    const inTwoSeconds = () => new Date(Date.now() + 2_000).toUTCString();
    const s = await serve(
      (req, res, c) => (c.hit === 0 ? tooManyRequests(inTwoSeconds())(req, res, c) : sendJson(res, 200, USER)),
      ctx,
    );
    const { error, ms } = await timed(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(s.hits).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(deadline(2_000));
  });
});

describe.concurrent('5xx', () => {
  it.for([500, 502, 503, 504])('%i once, then success (jittered backoff)', async (status, ctx) => {
    const s = await serve(
      (_, res, c) => (c.hit === 0 ? sendJson(res, status, { error: 'server_error' }) : sendJson(res, 200, USER)),
      ctx,
    );
    const { value, error, ms } = await timed(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(s.hits).toBe(2);
    expect(ms).toBeLessThan(deadline(500)); // the first backoff is under 500 ms
  });

  it.for([500, 502, 503, 504])('%i every time ends in PachcaServerError after maxRetries', async (status, ctx) => {
    const s = await serve((_, res) => sendJson(res, status, { error: 'server_error' }, { 'retry-after': '0' }), ctx);
    const { error, ms } = await timed(() => faultClient(s, { maxRetries: 2 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaServerError);
    expect(error).toMatchObject({ status, error: 'server_error' });
    expect(s.hits).toBe(3);
    expect(ms).toBeLessThan(deadline(0));
    expectTokenHidden(error, FAULT_TOKEN);
  });
});

describe.concurrent('statuses that are never retried', () => {
  it.for([400, 401, 402, 403, 404, 422])('%i is thrown after one request', async (status, ctx) => {
    const s = await serve((_, res) => sendJson(res, status, { error: 'nope' }), ctx);
    const { error } = await timed(() => faultClient(s, { maxRetries: 3 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaApiError);
    expect(error).toMatchObject({ status });
    expect(s.hits).toBe(1);
    expectTokenHidden(error, FAULT_TOKEN);
  });
});

describe.concurrent('POST is never retried', () => {
  const creates: [string, (client: Pachca) => Promise<unknown>][] = [
    ['users.create', (c) => c.users.create({ user: { email: 'ivan@example.com' } })],
    ['groupTags.create', (c) => c.groupTags.create({ group_tag: { name: 'Backend' } })],
  ];
  const faults: [string, FaultHandler, abstract new (...args: never[]) => Error][] = [
    ['429 with Retry-After: 0', tooManyRequests('0'), PachcaRateLimitError],
    ['503', (_, res) => sendJson(res, 503, { error: 'unavailable' }, { 'retry-after': '0' }), PachcaServerError],
    ['a connection reset', (req) => req.socket.destroy(), PachcaConnectionError],
    ['no answer', () => undefined, PachcaTimeoutError],
  ];
  const cases = creates.flatMap(([name, call]) =>
    faults.map(([fault, handler, ErrorClass]) => [name, fault, call, handler, ErrorClass] as const),
  );

  it.for(cases)('%s after %s: one request, typed error', async ([, , call, handler, ErrorClass], ctx) => {
    const s = await serve(handler, ctx);
    const { error, ms } = await timed(() => call(faultClient(s, { maxRetries: 3, timeoutMs: 1_000 })));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(s.hits).toBe(1);
    expect(ms).toBeLessThan(deadline(1_000));
    expectTokenHidden(error, FAULT_TOKEN);
  });
});
