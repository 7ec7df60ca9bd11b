// Retries against a misbehaving server: 429 storms with Retry-After (seconds and HTTP date),
// 5xx bursts, statuses that must never be retried, and POST, which is never retried at all.
// Every case ends in success or the right typed error within its deadline, and no error text
// holds the token.
import { afterEach, describe, expect, it } from 'vitest';
import {
  PachcaApiError,
  PachcaConnectionError,
  PachcaRateLimitError,
  PachcaServerError,
  PachcaTimeoutError,
  type Pachca,
} from '../../src/index.js';
import { expectTokenHidden } from '../support/secrets.js';
import {
  FAULT_TOKEN,
  USER,
  faultClient,
  sendJson,
  settle,
  startFaultServer,
  type FaultHandler,
  type FaultServer,
} from './fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: FaultHandler): Promise<FaultServer> {
  server = await startFaultServer(handler);
  return server;
}

const tooManyRequests = (retryAfter: string): FaultHandler => (_, res) => {
  res.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'text/plain' });
  res.end('Too Many Requests');
};

describe('429 with Retry-After', () => {
  it('a storm shorter than maxRetries ends in success', async () => {
    const storm = tooManyRequests('0');
    const s = await serve((req, res, ctx) => (ctx.hit < 3 ? storm(req, res, ctx) : sendJson(res, 200, USER)));
    const { value, error, ms } = await settle(() => faultClient(s, { maxRetries: 3 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(s.hits).toBe(4);
    expect(ms).toBeLessThan(1_000); // Retry-After: 0 replaces the jittered backoff
  });

  it('a storm longer than maxRetries ends in PachcaRateLimitError', async () => {
    const s = await serve(tooManyRequests('0'));
    const { error, ms } = await settle(() => faultClient(s, { maxRetries: 2 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaRateLimitError);
    expect(error).toMatchObject({ status: 429, body: 'Too Many Requests' });
    expect((error as PachcaRateLimitError).headers.get('retry-after')).toBe('0');
    expect(s.hits).toBe(3);
    expect(ms).toBeLessThan(1_000);
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it('Retry-After in seconds is waited out', async () => {
    const s = await serve((req, res, ctx) =>
      ctx.hit === 0 ? tooManyRequests('1')(req, res, ctx) : sendJson(res, 200, USER),
    );
    const { error, ms } = await settle(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(s.hits).toBe(2);
    // The first jittered backoff is below 500 ms: only Retry-After explains a full second.
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3_000);
  });

  it('Retry-After as an HTTP date is waited out', async () => {
    const s = await serve((req, res, ctx) =>
      // Dates have whole seconds: two seconds ahead is a wait of more than one second.
      ctx.hit === 0 ? tooManyRequests(new Date(Date.now() + 2_000).toUTCString())(req, res, ctx) : sendJson(res, 200, USER),
    );
    const { error, ms } = await settle(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(s.hits).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_500);
  });
});

describe('5xx', () => {
  it.each([500, 502, 503, 504])('%i once, then success (jittered backoff)', async (status) => {
    const s = await serve((_, res, ctx) =>
      ctx.hit === 0 ? sendJson(res, status, { error: 'server_error' }) : sendJson(res, 200, USER),
    );
    const { value, error, ms } = await settle(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(s.hits).toBe(2);
    expect(ms).toBeLessThan(1_500); // the first backoff is under 500 ms
  });

  it.each([500, 502, 503, 504])('%i every time ends in PachcaServerError after maxRetries', async (status) => {
    const s = await serve((_, res) => sendJson(res, status, { error: 'server_error' }, { 'retry-after': '0' }));
    const { error, ms } = await settle(() => faultClient(s, { maxRetries: 2 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaServerError);
    expect(error).toMatchObject({ status, error: 'server_error' });
    expect(s.hits).toBe(3);
    expect(ms).toBeLessThan(1_000);
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it('PUT and DELETE are retried like GET', async () => {
    const s = await serve((req, res, ctx) => {
      if (ctx.hit % 2 === 0) return sendJson(res, 503, {}, { 'retry-after': '0' });
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      sendJson(res, 200, USER);
    });
    const client = faultClient(s, { maxRetries: 1 });
    await expect(client.users.update(12, { user: { title: 'CTO' } })).resolves.toEqual(USER.data);
    await expect(client.users.delete(12)).resolves.toBeUndefined();
    expect(s.hits).toBe(4);
  });
});

describe('statuses that are never retried', () => {
  it.each([400, 401, 402, 403, 404, 422])('%i is thrown after one request', async (status) => {
    const s = await serve((_, res) => sendJson(res, status, { error: 'nope' }));
    const { error } = await settle(() => faultClient(s, { maxRetries: 3 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaApiError);
    expect(error).toMatchObject({ status });
    expect(s.hits).toBe(1);
    expectTokenHidden(error, FAULT_TOKEN);
  });
});

describe('POST is never retried', () => {
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

  it.each(cases)('%s after %s: one request, typed error', async (_, __, call, handler, ErrorClass) => {
    const s = await serve(handler);
    const { error, ms } = await settle(() => call(faultClient(s, { maxRetries: 3, timeoutMs: 200 })));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(s.hits).toBe(1);
    expect(ms).toBeLessThan(1_000);
    expectTokenHidden(error, FAULT_TOKEN);
  });
});
