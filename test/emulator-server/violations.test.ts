// Prism's verdict on the emulator's answers reaches the log and the journal: an engine wrapped to
// break the spec on one operation is caught with its operation and location, while the 429 and
// 5xx answers the spec documents for every operation (faults) are not counted as violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorStack, type EmulatorStack } from '../../scripts/lib/emulator/stack.js';
import { freePort } from '../../scripts/lib/ports.js';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';

const BROKEN_PATH = '/users/13';
let stack: EmulatorStack;
const logged: string[] = [];
const owner = { authorization: 'Bearer test-token' };

/** The engine, except that GET /users/13 answers a role the spec does not allow. */
function breakOneAnswer(engine: Emulator): Emulator {
  const handle = async (request: Request) => {
    const response = await engine.handle(request);
    if (new URL(request.url).pathname !== BROKEN_PATH) return response;
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
  stack = await startEmulatorStack({
    port: await freePort(),
    emulator: (publicOrigin) => breakOneAnswer(createEmulator({ users: 20, publicOrigin })),
    log: (line) => logged.push(line),
  });
  // Its own Prism: a few seconds alone, much longer on a machine busy with the rest of the suite.
}, 90_000);
afterAll(() => stack?.stop());

const journalEntry = async (requestId: string | null) => {
  const { data } = (await (await fetch(`${stack.url}/__emulator/requests`)).json()) as {
    data: { requestId: string; violations: { location: string[]; message: string }[] }[];
  };
  return data.find((entry) => entry.requestId === requestId);
};

describe('an answer that breaks the spec', () => {
  it("becomes Prism's 500, is logged with its operation and location, and is journaled", async () => {
    const response = await fetch(`${stack.url}${BROKEN_PATH}`, { headers: owner });
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { type: string; validation: { location: string[] }[] };
    expect(problem.type).toMatch(/prism\/errors#VIOLATIONS$/);
    expect(problem.validation.map((v) => v.location.join('.'))).toEqual(['response.body.data.role']);

    expect(logged).toContainEqual(
      expect.stringMatching(/^spec violation: getUser \(GET \/users\/13 → 500\) at response\.body\.data\.role: /),
    );
    const { data } = (await (await fetch(`${stack.url}/__emulator/requests`)).json()) as {
      data: { path: string; violations: { location: string[] }[] }[];
    };
    const entry = data.find((e) => e.path === BROKEN_PATH);
    expect(entry?.violations.map((v) => v.location.join('.'))).toEqual(['response.body.data.role']);
  });

  it('leaves the answers that keep to the spec alone', async () => {
    const response = await fetch(`${stack.url}/users/12`, { headers: owner });
    expect(response.status).toBe(200);
    expect(response.headers.get('sl-violations')).toBeNull();
    expect((await journalEntry(response.headers.get('x-request-id')))?.violations).toEqual([]);
  });
});

describe('faults the spec documents for every operation', () => {
  it.each([429, 503])('a %i fault reaches the client and is no violation', async (status) => {
    const fault = await fetch(`${stack.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'getProfile', status, retryAfter: 1, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const before = logged.length;
    const response = await fetch(`${stack.url}/profile`, { headers: owner });
    expect(response.status).toBe(status);
    if (status === 429) expect(response.headers.get('retry-after')).toBe('1');
    expect((await journalEntry(response.headers.get('x-request-id')))?.violations).toEqual([]);
    expect(logged.slice(before)).toEqual([]);
  });
});
