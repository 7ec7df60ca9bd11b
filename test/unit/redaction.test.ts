// The access token never shows up in an error's message, stack, String() or JSON — not even when
// a server or a fetch implementation echoes it — nor when a client is logged or serialised.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  Pachca,
  PachcaAbortError,
  PachcaError,
  PachcaApiError,
  PachcaConfigError,
  PachcaConnectionError,
  PachcaInvalidResponseError,
  PachcaTimeoutError,
} from '../../src/index.js';
import { TOKEN, clientFor, startServer, useTestServer } from '../support/http-server.js';
import { expectTokenHidden, rejection } from '../support/assertions.js';

const server = useTestServer();

/** A PachcaError, whose every text (message, stack, cause, JSON, util.inspect) hides the token. */
function expectNoToken(error: unknown): void {
  expect(error).toBeInstanceOf(PachcaError);
  expectTokenHidden(error, TOKEN);
}

describe('errors never contain the token', () => {
  it('an API error whose JSON body echoes the token', async () => {
    server.script({ status: 401, body: { error: 'invalid_token', error_description: `Token ${TOKEN} is revoked` } });
    const error = await rejection(clientFor(server).profile.get());
    expect(error).toBeInstanceOf(PachcaApiError);
    expect((error as Error).message).toContain('is revoked'); // the rest of the message survives
    expectNoToken(error);
  });

  it('an API error whose field error echoes the token as its value', async () => {
    const echoed = {
      key: 'token',
      value: TOKEN,
      message: `${TOKEN} is not allowed here`,
      code: 'invalid',
      payload: null,
    };
    server.script({ status: 422, body: { errors: [echoed] } });
    const error = await rejection(clientFor(server).users.update(1, { user: { title: 'x' } }));
    expect(error).toBeInstanceOf(PachcaApiError);
    expect((error as PachcaApiError).field?.code).toBe('invalid');
    expectNoToken(error);
  });

  it('an API error whose HTML body echoes the Authorization header', async () => {
    server.script({ status: 500, body: `<html><pre>Authorization: Bearer ${TOKEN}</pre></html>` });
    const error = await rejection(clientFor(server).profile.get());
    expect(error).toBeInstanceOf(PachcaApiError);
    expectNoToken(error);
  });

  it('an invalid success response that echoes the token', async () => {
    server.script({ status: 200, body: `oops ${TOKEN}` });
    const error = await rejection(clientFor(server).profile.get());
    expect(error).toBeInstanceOf(PachcaInvalidResponseError);
    expectNoToken(error);
  });

  it('a connection error whose cause mentions the token', async () => {
    const leakyFetch: typeof fetch = async (input, init) => {
      const auth = new Request(input, init).headers.get('authorization');
      throw new TypeError(`connect ECONNREFUSED while sending ${auth}`);
    };
    const error = await rejection(clientFor(server, { fetch: leakyFetch }).profile.get());
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expectNoToken(error);
    // Logging the whole error shows its cause too.
    expect(inspect(error, { depth: Infinity })).not.toContain(TOKEN);
    expect(inspect(error, { depth: Infinity })).toContain('ECONNREFUSED');
  });

  it('a real connection error', async () => {
    const closed = await startServer();
    await closed.close();
    const error = await rejection(clientFor(closed).profile.get());
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expectNoToken(error);
  });

  it('a timeout error', async () => {
    server.script({ hang: true });
    const error = await rejection(clientFor(server, { timeoutMs: 50 }).profile.get());
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expectNoToken(error);
  });

  it('a config error, even when the token is passed where the base URL belongs', () => {
    let error: unknown;
    try {
      new Pachca({ token: TOKEN, baseUrl: TOKEN });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PachcaConfigError);
    expectNoToken(error);
  });
});

/** A proxy or tracing fetch that fails quoting the request's headers, as many do. */
const leakyFetch: typeof fetch = async (input, init) => {
  const headers = Object.fromEntries(new Request(input, init).headers);
  throw new TypeError(`proxy refused ${JSON.stringify(headers)}`);
};

/** Every way of calling the API: resource methods, request() and each flavour of client.raw. */
const CALLS = {
  'users.get': (client: Pachca, init: { signal?: AbortSignal } = {}) => client.users.get(1, init),
  'request()': (client: Pachca, init: { signal?: AbortSignal } = {}) =>
    client.request('getUser', { path: { id: 1 } }, init),
  'raw.GET': (client: Pachca, init: { signal?: AbortSignal } = {}) =>
    client.raw.GET('/users/{id}', { params: { path: { id: 1 } }, ...init }),
  'raw.request': (client: Pachca, init: { signal?: AbortSignal } = {}) =>
    client.raw.request('get', '/users/{id}', { params: { path: { id: 1 } }, ...init }),
};

describe.each(Object.entries(CALLS))('every failure through %s is a PachcaError without the token', (_, call) => {
  it('a custom fetch that fails quoting the headers', async () => {
    const error = await rejection(call(clientFor(server, { fetch: leakyFetch })));
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expect(inspect(error, { depth: Infinity })).toContain('proxy refused');
    expectNoToken(error);
  });

  it('a middleware that throws quoting the headers', async () => {
    const client = clientFor(server);
    client.raw.use({
      onRequest({ request }) {
        throw new Error(`middleware saw ${request.headers.get('authorization')}`);
      },
    });
    const error = await rejection(call(client));
    expect(error).toBeInstanceOf(PachcaError);
    expect((error as Error).message).toContain('middleware saw Bearer ***');
    expectNoToken(error);
    expect(server.requests).toHaveLength(0);
  });

  it('a network failure', async () => {
    const closed = await startServer();
    await closed.close();
    const error = await rejection(call(clientFor(closed)));
    expect(error).toBeInstanceOf(PachcaConnectionError);
    expectNoToken(error);
  });

  it('a timeout', async () => {
    server.script({ hang: true });
    const error = await rejection(call(clientFor(server, { timeoutMs: 50 })));
    expect(error).toBeInstanceOf(PachcaTimeoutError);
    expectNoToken(error);
  });

  it('an abort whose reason quotes the token', async () => {
    const controller = new AbortController();
    server.respond(() => {
      controller.abort(new Error(`cancelled the call that sent ${TOKEN}`));
      return { hang: true };
    });
    const error = await rejection(call(clientFor(server), { signal: controller.signal }));
    expect(error).toBeInstanceOf(PachcaAbortError);
    expectNoToken(error);
  });

  it('an abort in a middleware, before anything is sent', async () => {
    const controller = new AbortController();
    const client = clientFor(server);
    client.raw.use({
      onRequest() {
        controller.abort();
        controller.signal.throwIfAborted();
      },
    });
    const error = await rejection(call(client, { signal: controller.signal }));
    expect(error).toBeInstanceOf(PachcaAbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('the client never shows the token', () => {
  it('in JSON.stringify(client) or util.inspect(client), before and after a call', async () => {
    const client = clientFor(server);
    const show = () => [JSON.stringify(client), inspect(client, { showHidden: true, depth: Infinity, getters: true })];
    for (const text of show()) expect(text).not.toContain(TOKEN);
    server.script({ body: { data: { id: 1 } } });
    await client.profile.get();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`); // the token is there, just hidden
    for (const text of show()) expect(text).not.toContain(TOKEN);
  });
});
