// The emulator's control endpoints and its answers to bad input: reset, state export and import
// (a bad document changes nothing), faults, the clock, the outbox, the request journal, request
// ids, unknown paths and methods, malformed bodies, and operations with no handler.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/emulator/engine.js';
import { HANDLERS } from '../../src/emulator/handlers/index.js';
import { EmulatorStateError } from '../../src/emulator/index.js';
import { mswOperations } from '../../generated/msw.js';
import { ORIGIN, call, emulatorFor } from './support.js';

const control = async (emulator: ReturnType<typeof emulatorFor>, method: string, path: string, json?: unknown) => {
  const response = await emulator.handle(
    new Request(`${ORIGIN}/__emulator/${path}`, {
      method,
      body: json === undefined ? undefined : JSON.stringify(json),
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
};

describe('emulator control endpoints', () => {
  it('resets to the seed', async () => {
    const emulator = emulatorFor();
    const seeded = emulator.exportState();
    await call(emulator, 'DELETE', '/users/20');
    expect((await control(emulator, 'POST', 'reset')).status).toBe(204);
    expect(emulator.exportState()).toEqual(seeded);
  });

  it('exports and imports the whole workspace, with its writes', async () => {
    const emulator = emulatorFor();
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Kept' } } });
    const { body: state } = await control(emulator, 'GET', 'state');
    expect(state.version).toBe(1);
    const other = emulatorFor({ seed: 2 });
    expect((await control(other, 'PUT', 'state', state)).status).toBe(204);
    expect(other.exportState()).toEqual(state);
    expect((await call(other, 'GET', '/group_tags?names[]=Kept')).body.data).toHaveLength(1);
  });

  it('refuses a bad state document with a 400 naming the problem and keeps the state', async () => {
    const emulator = emulatorFor();
    const good = emulator.exportState();
    const cases: [unknown, RegExp][] = [
      [{ ...good, version: 2 }, /^version: .*reads state version 1/],
      [{ ...good, users: 'no' }, /^users: must be an array/],
      [{ ...good, users: [{ ...good.users[0], email: 5 }] }, /^users\[0\]\.email: must be a string/],
      [
        { ...good, users: [good.users[0], { ...good.users[1], id: good.users[0]!.id }] },
        /^users\[1\]\.id: id 12 appears twice/,
      ],
      [
        { ...good, users: [good.users[0], { ...good.users[1], email: 'OLEGP@example.com' }] },
        /^users\[1\]\.email: .*appears twice/,
      ],
      [
        { ...good, users: [{ ...good.users[0], group_tag_ids: [1] }] },
        /^users\[0\]\.group_tag_ids\[0\]: no group tag has id 1/,
      ],
      [{ ...good, owner_id: 99999 }, /^owner_id: no user has id 99999/],
      [{ ...good, next_user_id: 1 }, /^next_user_id: must be above every user id/],
      [{ ...good, extra: true }, /^extra: is not a field of the state/],
      ['[1,2]', /must be an object/],
    ];
    for (const [document, message] of cases) {
      expect(() => emulator.importState(document), String(message)).toThrow(EmulatorStateError);
      expect(() => emulator.importState(document)).toThrow(message);
      const { status, body } = await control(emulator, 'PUT', 'state', document);
      expect([status, body.errors[0].key]).toEqual([400, 'state']);
      expect(body.errors[0].message).toMatch(message);
    }
    expect(
      (await emulator.handle(new Request(`${ORIGIN}/__emulator/state`, { method: 'PUT', body: '{nope' }))).status,
    ).toBe(400);
    expect(emulator.exportState()).toEqual(good);
  });

  it('tells onChange listeners after writes, reset and import, not after reads', async () => {
    const emulator = emulatorFor();
    const seen: number[] = [];
    const stop = emulator.onChange(() => seen.push(emulator.exportState().users.length));
    await call(emulator, 'GET', '/users');
    await call(emulator, 'DELETE', '/users/20');
    emulator.reset();
    emulator.importState(emulator.exportState());
    stop();
    await call(emulator, 'DELETE', '/users/21');
    expect(seen).toEqual([39, 40, 40]);
  });

  it('injects faults for the next N matching requests: 429 with Retry-After, 5xx, by operationId or method and path', async () => {
    const emulator = emulatorFor();
    expect(
      (await control(emulator, 'POST', 'faults', { operationId: 'getUser', status: 429, retryAfter: 7, times: 2 }))
        .status,
    ).toBe(201);
    emulator.faults.next({ method: 'GET', path: '/profile' }, { status: 503 });
    expect((await control(emulator, 'GET', 'faults')).body.data).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const limited = await call(emulator, 'GET', '/users/12', { undeclared: true });
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    }
    expect((await call(emulator, 'GET', '/users/12')).status).toBe(200);
    expect((await call(emulator, 'GET', '/profile', { undeclared: true })).status).toBe(503);
    expect((await call(emulator, 'GET', '/profile')).status).toBe(200);
    emulator.faults.next({ operationId: 'listUsers' }, { status: 500, times: 5 });
    expect((await control(emulator, 'DELETE', 'faults')).status).toBe(204);
    expect((await call(emulator, 'GET', '/users')).status).toBe(200);
    const bad = await control(emulator, 'POST', 'faults', { operationId: 'getUser', status: 418 });
    expect([bad.status, bad.body.errors[0].message]).toEqual([400, expect.stringContaining('status must be one of')]);
  });

  it('refuses a fault that no request can match with 400, listing the operationIds or naming the bad field', async () => {
    const emulator = emulatorFor();
    const refused = async (match: object) => {
      const { status, body } = await control(emulator, 'POST', 'faults', { ...match, status: 503 });
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      const [{ key, value, message, code }] = body.errors;
      expect(code).toBe('invalid');
      return { key, value, message };
    };
    const unknown = await refused({ operationId: 'getUsr' });
    expect(unknown).toMatchObject({ key: 'operationId', value: 'getUsr' });
    expect(unknown.message).toMatch(/^getUsr is not an operationId of the API; they are /);
    for (const operationId of Object.keys(mswOperations)) expect(unknown.message).toContain(operationId);
    expect(await refused({ operationId: 7 })).toMatchObject({ key: 'operationId', value: '7' });
    expect(await refused({ method: 'GET' })).toMatchObject({ key: 'path', value: null });
    expect(await refused({ method: 'G T', path: '/users' })).toMatchObject({ key: 'method', value: 'G T' });
    expect(await refused({ method: 'GET', path: 'users' })).toMatchObject({ key: 'path', value: 'users' });
    expect(await refused({ method: 'GET', path: '/users?limit=1' })).toMatchObject({ key: 'path' });
    expect(await refused({ method: 'GET', path: '/usres' })).toMatchObject({
      key: 'path',
      message: 'no operation of the API has the path /usres',
    });
    const patch = await refused({ method: 'PATCH', path: '/users/12' });
    expect(patch).toMatchObject({ key: 'method', value: 'PATCH' });
    expect(patch.message.split(' takes ')[1]?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PUT']);
    expect(await refused({})).toMatchObject({ key: 'match' });
    expect((await control(emulator, 'GET', 'faults')).body.data).toEqual([]);
    expect(() => emulator.faults.next({ operationId: 'nope' }, { status: 503 })).toThrow(/nope is not an operationId/);
    const lower = await control(emulator, 'POST', 'faults', { method: 'get', path: '/users/12', status: 503 });
    expect(lower.status).toBe(201);
    expect((await call(emulator, 'GET', '/users/12', { undeclared: true })).status).toBe(503);
  });

  it('delays a request by a delay fault', async () => {
    const emulator = emulatorFor();
    emulator.faults.next({ operationId: 'getProfile' }, { delayMs: 120 });
    const started = Date.now();
    expect((await call(emulator, 'GET', '/profile')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('sets the clock for status expiry, and back to real time', async () => {
    const emulator = emulatorFor();
    expect((await control(emulator, 'POST', 'clock', { now: '2040-01-01T00:00:00Z' })).body).toEqual({
      now: '2040-01-01T00:00:00.000Z',
    });
    expect(emulator.clock.now()).toBe(Date.parse('2040-01-01T00:00:00Z'));
    expect((await control(emulator, 'POST', 'clock', { now: 'tomorrow' })).status).toBe(400);
    await control(emulator, 'POST', 'clock', { now: null });
    expect(Math.abs(emulator.clock.now() - Date.now())).toBeLessThan(5_000);
  });

  it('lists the sent invitations in the outbox', async () => {
    const emulator = emulatorFor();
    await call(emulator, 'POST', '/users', { json: { user: { email: 'new@example.com' } } });
    const { body } = await control(emulator, 'GET', 'outbox');
    expect(body.data).toEqual([expect.objectContaining({ email: 'new@example.com', inviter_id: 12 })]);
  });

  it('journals each exchange, latest first, with its user and request id, and takes violations', async () => {
    const emulator = emulatorFor();
    const first = await call(emulator, 'GET', '/users/13');
    await call(emulator, 'GET', '/profile', { token: 'nope' });
    const { body } = await control(emulator, 'GET', 'requests');
    expect(body.data.map((e: { path: string; status: number }) => [e.path, e.status])).toEqual([
      ['/profile', 401],
      ['/users/13', 200],
    ]);
    expect(body.data[1]).toMatchObject({
      method: 'GET',
      user: { id: 12, name: 'Oleg Petrov' },
      requestId: first.headers.get('x-request-id'),
    });
    emulator.journal.annotate(body.data[1].requestId, [
      { location: ['response', 'body'], severity: 'Error', message: 'x' },
    ]);
    expect(emulator.journal.list()[1]!.violations).toHaveLength(1);
  });

  it('gives every response a unique x-request-id', async () => {
    const emulator = emulatorFor();
    const answers = await Promise.all(
      ['/profile', '/users', '/nope', '/__emulator/state'].map((path) => emulator.handle(new Request(ORIGIN + path))),
    );
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers an unknown path 404, a wrong method 405, bad bodies 4xx, and keeps serving', async () => {
    const emulator = emulatorFor();
    expect((await call(emulator, 'GET', '/nope')).status).toBe(404);
    const wrong = await call(emulator, 'PATCH', '/users/12', { undeclared: true });
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'GET, PUT, DELETE']);
    const send = (body: string, type = 'application/json') =>
      emulator.handle(
        new Request(`${ORIGIN}/group_tags`, {
          method: 'POST',
          body,
          headers: { authorization: 'Bearer test-token', 'content-type': type },
        }),
      );
    expect((await send('{"group_tag":')).status).toBe(400);
    expect((await send('{"group_tag":{"name":"X"}}', 'text/plain')).status).toBe(400);
    expect((await send(`{"group_tag":{"name":"${'x'.repeat(5 * 1024 * 1024)}"}}`)).status).toBe(413);
    expect((await send('{"group_tag":{}}')).status).toBe(422);
    expect((await call(emulator, 'GET', '/profile')).status).toBe(200);
  });

  it('serves the API under basePath and the control paths beside it', async () => {
    const emulator = emulatorFor({ basePath: '/api/shared/v1' });
    const profile = await emulator.handle(
      new Request(`${ORIGIN}/api/shared/v1/profile`, { headers: { authorization: 'Bearer test-token' } }),
    );
    expect(profile.status).toBe(200);
    expect((await emulator.handle(new Request(`${ORIGIN}/api/shared/v1/__emulator/state`))).status).toBe(200);
  });

  it('answers an operation without a handler with its first success example, and lists it', async () => {
    const { getTokenInfo: _, ...handlers } = HANDLERS;
    const emulator = createEngine({ users: 5 }, { handlers });
    // Listed beside any operation of the spec that has no handler yet (that gate is the next test).
    const unimplemented = createEngine({ users: 5 }, { handlers: HANDLERS }).unimplemented;
    expect(emulator.unimplemented.filter((id) => !unimplemented.includes(id))).toEqual(['getTokenInfo']);
    const { body } = await call(emulator, 'GET', '/oauth/token/info');
    expect(body).toEqual(Object.values(mswOperations.getTokenInfo.responses[200].examples)[0]);
  });

  it('implements every operation of the spec', () => {
    expect(emulatorFor().unimplemented).toEqual([]);
  });

  it('refuses options out of range with a RangeError', () => {
    for (const options of [{ users: 0 }, { users: 10_001 }, { users: 1.5 }, { rateLimit: 0 }, { basePath: 'api' }]) {
      expect(() => emulatorFor(options), JSON.stringify(options)).toThrow(RangeError);
    }
  });

  it('answers 429 with Retry-After past rateLimit requests per second per token', async () => {
    const emulator = emulatorFor({ rateLimit: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(emulator, 'GET', '/profile', { undeclared: true })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await call(emulator, 'GET', '/profile', { token: 'admin-token' })).status).toBe(200);
  });
});
