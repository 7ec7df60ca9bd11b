// Broken connections: resets before the headers and in the middle of the body, a server that
// never answers, and bodies that trickle in slower or faster than the timeout allows. Each test
// has its own server, so they run concurrently.
import { describe, expect, it } from 'vitest';
import { PachcaConnectionError, PachcaTimeoutError } from '../../src/index.js';
import { expectTokenHidden, timed } from '../support/assertions.js';
import { FAULT_TOKEN, USER, deadline, faultClient, sendJson, serve, type FaultHandler } from './fault-server.js';

const USER_JSON = JSON.stringify(USER);

const resetBeforeHeaders: FaultHandler = (req) => req.socket.destroy();

/** Promises the whole user, sends half of it, then drops the connection. */
const resetMidBody: FaultHandler = (_, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(USER_JSON.length) });
  res.write(USER_JSON.slice(0, USER_JSON.length / 2), () => res.destroy());
};

/** Sends the user in `parts` chunks, `gapMs` apart. */
const trickle =
  (parts: number, gapMs: number): FaultHandler =>
  (_, res, { later }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(USER_JSON.length) });
    const size = Math.ceil(USER_JSON.length / parts);
    for (let i = 0; i < parts; i++) {
      later(gapMs * (i + 1), () =>
        res.write(USER_JSON.slice(i * size, (i + 1) * size), () => i === parts - 1 && res.end()),
      );
    }
  };

describe.concurrent('connection resets', () => {
  const resets = [
    ['before the headers', resetBeforeHeaders],
    ['in the middle of the body', resetMidBody],
  ] as const;

  it.for(resets)('one reset %s, then success', async ([, reset], ctx) => {
    const s = await serve((req, res, c) => (c.hit === 0 ? reset(req, res, c) : sendJson(res, 200, USER)), ctx);
    const { value, error, ms } = await timed(() => faultClient(s, { maxRetries: 1 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(s.hits).toBe(2);
    expect(ms).toBeLessThan(deadline(500)); // one backoff, under 500 ms
  });

  it.for(resets)('resets %s every time end in PachcaConnectionError', async ([, reset], ctx) => {
    const s = await serve(reset, ctx);
    const { error, ms } = await timed(() => faultClient(s, { maxRetries: 2 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expect(error).not.toBeInstanceOf(PachcaTimeoutError);
    expect((error as Error).message).toContain('GET');
    expect(s.hits).toBe(3);
    expect(ms).toBeLessThan(deadline(1_500)); // two backoffs: under 0.5 s + 1 s
    expectTokenHidden(error, FAULT_TOKEN);
  });
});

describe.concurrent('a server that never answers', () => {
  it('times out with PachcaTimeoutError after timeoutMs', async (ctx) => {
    const s = await serve(() => undefined, ctx);
    const { error, ms } = await timed(() => faultClient(s, { timeoutMs: 300 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expect(error).toBeInstanceOf(PachcaConnectionError); // retried, and caught, like a network failure
    expect((error as Error).message).toMatch(/timed out after 300 ms/);
    expect(s.hits).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(deadline(300));
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it('times out once per attempt when retries are allowed', async (ctx) => {
    const s = await serve(() => undefined, ctx);
    const { error, ms } = await timed(() => faultClient(s, { timeoutMs: 300, maxRetries: 1 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expect(s.hits).toBe(2);
    expect(ms).toBeLessThan(deadline(2 * 300 + 500));
  });
});

describe.concurrent('a slow body', () => {
  it('that arrives within the timeout succeeds', async (ctx) => {
    const s = await serve(trickle(4, 50), ctx);
    const { value, error, ms } = await timed(() => faultClient(s, { timeoutMs: 2_000 }).users.get(12));
    expect(error).toBeUndefined();
    expect(value).toEqual(USER.data);
    expect(ms).toBeGreaterThanOrEqual(190);
  });

  it('that takes longer than the timeout ends in PachcaTimeoutError', async (ctx) => {
    // The headers come at once; the timeout still covers reading the body.
    const s = await serve(trickle(4, 250), ctx);
    const { error, ms } = await timed(() => faultClient(s, { timeoutMs: 400 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expect(s.hits).toBe(1);
    expect(ms).toBeLessThan(deadline(400));
    expectTokenHidden(error, FAULT_TOKEN);
  });
});
