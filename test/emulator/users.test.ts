// Users in the emulator: creates, partial updates, deletes, search, validation codes, the owner's
// protection and what bots see.
import { describe, expect, it } from 'vitest';
import { call, emulatorFor, walk } from './support.js';

describe('emulator users', () => {
  it('starts with the spec example users the quickstart prints: 12 olegp (the owner) and 13 anna', async () => {
    const emulator = emulatorFor();
    const { body } = await call(emulator, 'GET', '/users?limit=2');
    expect(body.data.map((u: { id: number; nickname: string }) => [u.id, u.nickname])).toEqual([
      [12, 'olegp'],
      [13, 'anna'],
    ]);
    const me = await call(emulator, 'GET', '/profile');
    expect(me.body.data).toMatchObject({
      first_name: 'Oleg',
      last_name: 'Petrov',
      email: 'olegp@example.com',
      role: 'admin',
    });
  });

  it('creates a user with 201, makes them readable, and an invitation unless skip_email_notify', async () => {
    const emulator = emulatorFor();
    const created = await call(emulator, 'POST', '/users', {
      json: { user: { email: 'ivan.new@example.com', first_name: 'Иван', list_tags: ['Backend'] } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      email: 'ivan.new@example.com',
      invite_status: 'sent',
      inviter_id: 12,
      list_tags: ['Backend'],
    });
    const read = await call(emulator, 'GET', `/users/${created.body.data.id}`);
    expect(read.body.data).toEqual(created.body.data);
    expect(emulator.outbox.list()).toEqual([
      expect.objectContaining({ user_id: created.body.data.id, email: 'ivan.new@example.com' }),
    ]);
    await call(emulator, 'POST', '/users', { json: { user: { email: 'quiet@example.com' }, skip_email_notify: true } });
    expect(emulator.outbox.list()).toHaveLength(1);
  });

  it('changes only the keys an update sends', async () => {
    const emulator = emulatorFor();
    const before = (await call(emulator, 'GET', '/users/20')).body.data;
    const after = await call(emulator, 'PUT', '/users/20', { json: { user: { department: 'R&D' } } });
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ ...before, department: 'R&D' });
  });

  it('deletes with 204, then answers 404 and lists the user no more', async () => {
    const emulator = emulatorFor();
    expect((await call(emulator, 'DELETE', '/users/20')).status).toBe(204);
    const gone = await call(emulator, 'GET', '/users/20');
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0]).toMatchObject({ key: 'id', code: 'not_found' });
    expect((await walk(emulator, '/users')).map((u) => u.id)).not.toContain(20);
    expect((await call(emulator, 'DELETE', '/users/20')).status).toBe(404);
  });

  it('searches first and last name, nickname, email and phone, partially and case-insensitively, with the search meta', async () => {
    const emulator = emulatorFor();
    for (const query of ['OLEG', 'petr', 'olegp', 'olegp@example', '9001234567']) {
      const { body } = await call(emulator, 'GET', `/users?query=${encodeURIComponent(query)}`);
      expect(
        body.data.map((u: { id: number }) => u.id),
        query,
      ).toContain(12);
      expect(body.meta.total).toBe(body.data.length);
      expect(typeof body.meta.paginate.next_page).toBe('string');
    }
    const none = await call(emulator, 'GET', '/users?query=zzzzzz');
    expect(none.body).toMatchObject({ data: [], meta: { total: 0 } });
  });

  it('pages a search by its next_page until total', async () => {
    const emulator = emulatorFor({ users: 200 });
    const first = await call(emulator, 'GET', '/users?query=a&limit=10');
    const ids = first.body.data.map((u: { id: number }) => u.id);
    let cursor = first.body.meta.paginate.next_page;
    while (ids.length < first.body.meta.total) {
      const page = await call(emulator, 'GET', `/users?query=a&limit=10&cursor=${cursor}`);
      expect(page.body.data.length).toBeGreaterThan(0);
      ids.push(...page.body.data.map((u: { id: number }) => u.id));
      cursor = page.body.meta.paginate.next_page;
    }
    expect(new Set(ids).size).toBe(first.body.meta.total);
  });

  it('answers the documented validation codes: blank, too_long, taken, invalid, inclusion, not_found', async () => {
    const emulator = emulatorFor();
    const codes = async (json: unknown, method = 'POST', path = '/users') => {
      const { status, body } = await call(emulator, method, path, { json });
      return [status, body.errors.map((e: { key: string; code: string }) => `${e.key}:${e.code}`)];
    };
    expect(await codes({ user: { email: '  ' } })).toEqual([422, ['email:blank']]);
    expect(await codes({ user: { email: 'OLEGP@example.com' } })).toEqual([422, ['email:taken']]);
    expect(await codes({ user: { email: 'no-at-sign' } })).toEqual([422, ['email:invalid']]);
    expect(await codes({ user: { email: 'x@example.com', title: 'x'.repeat(256) } })).toEqual([
      422,
      ['title:too_long'],
    ]);
    expect(await codes({ user: { email: 'x@example.com', role: 'owner' } })).toEqual([422, ['user.role:inclusion']]);
    expect(await codes({ user: { email: 'x@example.com', list_tags: ['No such tag'] } })).toEqual([
      422,
      ['list_tags:not_found'],
    ]);
    expect(await codes({ user: { role: 'guest' } }, 'PUT', '/users/20')).toEqual([422, ['user.role:inclusion']]);
    expect(await codes({ user: { email: 'anna@example.com' } }, 'PUT', '/users/20')).toEqual([422, ['email:taken']]);
  });

  it('answers 400 keyed chat_ids for a guest without exactly one chat', async () => {
    const emulator = emulatorFor();
    const refused = await call(emulator, 'POST', '/users', {
      json: { user: { email: 'g@example.com', role: 'guest' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ key: 'chat_ids', code: 'invalid' });
    const guest = await call(emulator, 'POST', '/users', {
      json: { user: { email: 'g@example.com', role: 'guest', chat_ids: [334] } },
    });
    expect(guest.status).toBe(201);
  });

  it('protects the owner: other tokens cannot change or delete them, and the owner keeps role and access', async () => {
    const emulator = emulatorFor();
    for (const [method, path, json] of [
      ['PUT', '/users/12', { user: { title: 'x' } }],
      ['DELETE', '/users/12', undefined],
    ] as const) {
      const { status, body } = await call(emulator, method, path, { token: 'admin-token', json });
      expect([status, body.errors[0].code], `${method} ${path}`).toEqual([403, 'owner_protected']);
    }
    const ownRole = await call(emulator, 'PUT', '/users/12', { json: { user: { role: 'user' } } });
    expect([ownRole.status, ownRole.body.errors[0].code]).toEqual([403, 'owner_protected']);
    const suspend = await call(emulator, 'PUT', '/users/12', { json: { user: { suspended: true } } });
    expect(suspend.status).toBe(403);
    expect((await call(emulator, 'PUT', '/users/12', { json: { user: { title: 'CEO' } } })).body.data.title).toBe(
      'CEO',
    );
  });

  it("hides others' email and phone from a bot, but not its own", async () => {
    const emulator = emulatorFor();
    const other = await call(emulator, 'GET', '/users/12', { token: 'bot-token' });
    expect(other.body.data).toMatchObject({ email: null, phone_number: null });
    const asUser = await call(emulator, 'GET', '/users/12', { token: 'user-token' });
    expect(asUser.body.data.email).toBe('olegp@example.com');
    const own = await call(emulator, 'GET', '/profile', { token: 'bot-token' });
    expect(own.body.data.bot).toBe(true);
    const search = await call(emulator, 'GET', '/users?query=olegp@example', { token: 'bot-token' });
    expect(search.body.meta.total).toBe(0);
    const listed = await walk(emulator, '/users', 'bot-token');
    expect(listed.filter((u) => u.id !== own.body.data.id && (u.email !== null || u.phone_number !== null))).toEqual(
      [],
    );
  });

  it("stops a suspended user's token (401) until access is restored, and a deleted user's for good", async () => {
    const emulator = emulatorFor();
    await call(emulator, 'PUT', '/users/13', { json: { user: { suspended: true } } });
    const suspended = await call(emulator, 'GET', '/profile', { token: 'user-token' });
    expect([suspended.status, suspended.body.error]).toEqual([401, 'invalid_token']);
    await call(emulator, 'PUT', '/users/13', { json: { user: { suspended: false } } });
    expect((await call(emulator, 'GET', '/profile', { token: 'user-token' })).status).toBe(200);
    await call(emulator, 'DELETE', '/users/13');
    expect((await call(emulator, 'GET', '/profile', { token: 'user-token' })).status).toBe(401);
  });

  it('narrows a token at once when its user loses the admin role', async () => {
    const emulator = emulatorFor();
    await call(emulator, 'PUT', '/users/14', { json: { user: { role: 'user' } } });
    const { status, body } = await call(emulator, 'POST', '/group_tags', {
      token: 'admin-token',
      json: { group_tag: { name: 'Nope' } },
    });
    expect([status, body.error]).toEqual([403, 'insufficient_scope']);
  });

  it('gives 100 parallel creates with distinct emails 100 users with unique ids', async () => {
    const emulator = emulatorFor();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(emulator, 'POST', '/users', { json: { user: { email: `p${i}@example.com` } } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(100);
  });
});
