// Per-attempt timeouts (client-wide and per call) and cancellation by AbortSignal.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PachcaAbortError, PachcaTimeoutError } from '../../src/index.js';
import { clientFor, useTestServer } from '../support/http-server.js';
import { timed } from '../support/assertions.js';

const OK = { body: { data: { id: 1 } } };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const server = useTestServer();
beforeEach(() => {
  vi.restoreAllMocks();
});

describe('timeouts', () => {
  it('a per-call timeoutMs overrides the client timeout (shorter)', async () => {
    server.script({ hang: true });
    const client = clientFor(server, { timeoutMs: 30_000 });
    const { ms, error } = await timed(() => client.users.get(1, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expect(ms).toBeLessThan(1_000);
  });

  it('a per-call timeoutMs overrides the client timeout (longer)', async () => {
    server.script({ ...OK, delayMs: 200 });
    const client = clientFor(server, { timeoutMs: 50 });
    await expect(client.users.get(1, { timeoutMs: 2_000 })).resolves.toEqual({ id: 1 });
  });

  it('covers a body that stalls after the headers', async () => {
    server.respond(() => ({ hang: true }));
    // A server that sends headers then stops: the whole read is bounded by the timeout.
    const stalled = await import('node:http').then(({ createServer }) =>
      createServer((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":');
      }),
    );
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const port = (stalled.address() as { port: number }).port;
    try {
      const { error } = await timed(() =>
        clientFor(server, { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 150 }).users.get(1),
      );
      expect(error).toBeInstanceOf(PachcaTimeoutError);
    } finally {
      stalled.closeAllConnections();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });

  it('still fires after a garbage collection during the request (nodejs/undici#4068)', async () => {
    server.script({ hang: true });
    const fetchThenCollect: typeof fetch = (input, init) => {
      setTimeout(collectGarbage, 30);
      return globalThis.fetch(input, init);
    };
    const { ms, error } = await timed(() =>
      clientFor(server, { timeoutMs: 150, fetch: fetchThenCollect }).users.get(1),
    );
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expect(ms).toBeLessThan(1_000);
  }, 3_000);

  it('a timed-out GET is retried like a network error', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.script({ hang: true }, OK);
    await expect(clientFor(server, { timeoutMs: 100, maxRetries: 1 }).users.get(1)).resolves.toEqual({ id: 1 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('cancellation', () => {
  it('an AbortSignal cancels an in-flight request at once', async () => {
    const controller = new AbortController();
    // Aborted once the request has reached the server, however slow a loaded machine is to send it.
    server.respond(() => {
      setTimeout(() => controller.abort(), 20);
      return { hang: true };
    });
    const { ms, error } = await timed(() =>
      clientFor(server, { timeoutMs: 5_000, maxRetries: 2 }).users.get(1, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(error).not.toBeInstanceOf(PachcaTimeoutError);
    expect(ms).toBeLessThan(1_500); // at once, not after the 5 s timeout
    expect(server.requests).toHaveLength(1);
  });

  it('an abort still cancels after a garbage collection during the request', async () => {
    server.script({ hang: true });
    const controller = new AbortController();
    setTimeout(collectGarbage, 30);
    setTimeout(() => controller.abort(), 80);
    const { ms, error } = await timed(() =>
      clientFor(server, { timeoutMs: 5_000 }).users.get(1, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(ms).toBeLessThan(1_000);
  }, 3_000);

  it('an already aborted signal sends nothing', async () => {
    server.script(OK);
    const error = (await timed(() => clientFor(server).users.get(1, { signal: AbortSignal.abort() }))).error;
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('cancels a listAll between pages', async () => {
    const controller = new AbortController();
    server.respond((_, index) => {
      if (index === 1) controller.abort();
      return { body: { data: [{ id: index }], meta: { paginate: { has_next: true, next_page: `c${index + 1}` } } } };
    });
    const { error } = await timed(() => clientFor(server).users.listAll({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });
});
