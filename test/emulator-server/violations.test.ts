// The server's own verdict on the engine's answers, and what it does when the engine fails: an
// engine wrapped to break the spec on one operation is caught with its operation and location (log
// and journal), while the 429 and 5xx answers the spec documents for every operation (faults) are
// not violations; an engine that throws gets a 500 in the API's shape, logged with its request id,
// and the server goes on serving.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { type EmulatorServer, startEmulatorServer } from '../../src/emulator/node/server.js';

const BROKEN_PATH = '/users/13';
const THROWING_PATH = '/users/14';
let server: EmulatorServer;
const logged: string[] = [];
const owner = { authorization: 'Bearer test-token' };

/** The engine, except that GET /users/13 answers a role the spec does not allow and GET /users/14 throws. */
function breakTwoAnswers(engine: Emulator): Emulator {
  const handle = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === THROWING_PATH) throw new Error('a bug in a handler');
    const response = await engine.handle(request);
    if (path !== BROKEN_PATH) return response;
    const body = (await response.json()) as { data: Record<string, unknown> };
    body.data.role = 'emperor';
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
  return new Proxy(engine, {
    get: (target, key) => {
      if (key === 'handle') return handle;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    spec: inject('bundledSpec'),
    engine: { users: 20 },
    emulator: (options) => breakTwoAnswers(createEmulator(options)),
    log: (line) => logged.push(line),
  });
});
afterAll(() => server?.stop());

const journalEntry = async (requestId: string | null) => {
  const { data } = (await (await fetch(`${server.url}/__emulator/requests`)).json()) as {
    data: { requestId: string; violations: { location: string[]; message: string }[] }[];
  };
  return data.find((entry) => entry.requestId === requestId);
};

describe('an answer that breaks the spec', () => {
  it('is logged with its operation, request id and location, and is journaled', async () => {
    const response = await fetch(`${server.url}${BROKEN_PATH}`, { headers: owner });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(logged).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^spec violation: getUser \\(GET /users/13 → 200, request ${requestId}\\) at response\\.body\\.data\\.role: `,
        ),
      ),
    );
    const entry = await journalEntry(requestId);
    expect(entry?.violations.map((v) => v.location.join('.'))).toEqual(['response.body.data.role']);
  });

  it('leaves the answers that keep to the spec alone', async () => {
    const response = await fetch(`${server.url}/users/12`, { headers: owner });
    expect(response.status).toBe(200);
    expect((await journalEntry(response.headers.get('x-request-id')))?.violations).toEqual([]);
  });
});

describe('faults the spec documents for every operation', () => {
  it.each([429, 503])('a %i fault reaches the client and is no violation', async (status) => {
    const fault = await fetch(`${server.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'getProfile', status, retryAfter: 1, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const response = await fetch(`${server.url}/profile`, { headers: owner });
    expect(response.status).toBe(status);
    if (status === 429) expect(response.headers.get('retry-after')).toBe('1');
    expect((await journalEntry(response.headers.get('x-request-id')))?.violations).toEqual([]);
    expect(logged.filter((line) => line.startsWith('spec violation: getProfile'))).toEqual([]);
  });
});

describe('an engine that throws', () => {
  it("answers 500 in the API's shape with an x-request-id, logs it with that id, and keeps serving", async () => {
    const response = await fetch(`${server.url}${THROWING_PATH}`, { headers: owner });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(await response.json()).toEqual({
      errors: [
        {
          key: 'base',
          value: null,
          message: 'The emulator failed: a bug in a handler',
          code: 'internal_error',
          payload: null,
        },
      ],
    });
    expect(logged).toContainEqual(
      expect.stringContaining(`GET ${THROWING_PATH} failed (request ${requestId}): Error: a bug`),
    );
    expect((await fetch(`${server.url}/users/12`, { headers: owner })).status).toBe(200);
  });
});
