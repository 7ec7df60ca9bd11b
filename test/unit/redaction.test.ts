// The access token never shows up in an error's message, stack, String() or JSON — not even when
// a server or a fetch implementation echoes it — nor when a client is logged or serialised.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  Pachca,
  PachcaApiError,
  PachcaConfigError,
  PachcaConnectionError,
  PachcaInvalidResponseError,
  PachcaTimeoutError,
} from '../../src/index.js';
import { TOKEN, clientFor, rejection, startServer, useTestServer } from '../support/http-server.js';

const server = useTestServer();

function expectNoToken(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const err = error as Error;
  for (const text of [err.message, err.stack ?? '', String(err), JSON.stringify(err)]) {
    expect(text).not.toContain(TOKEN);
  }
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
    const echoed = { key: 'token', value: TOKEN, message: `${TOKEN} is not allowed here`, code: 'invalid', payload: null };
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
    const leakyFetch: typeof fetch = async (input) => {
      const auth = new Request(input).headers.get('authorization');
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
