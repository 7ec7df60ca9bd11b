// Group tags in the emulator: unique names, users_count = members = GET /group_tags/{id}/users,
// renames and deletes reaching every member's list_tags, and the names[] filter.
import { describe, expect, it } from 'vitest';
import { call, emulatorFor, walk } from './support.js';

describe('emulator group tags', () => {
  it('creates a tag with 201 and lists it; a duplicate name (any case) is 422 taken', async () => {
    const emulator = emulatorFor();
    const created = await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Platform' } } });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ id: expect.any(Number), name: 'Platform', users_count: 0 });
    expect((await walk(emulator, '/group_tags')).map((t) => t.name)).toContain('Platform');
    const again = await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'platform' } } });
    expect([again.status, again.body.errors[0].code]).toEqual([422, 'taken']);
  });

  it('rejects blank and too long names', async () => {
    const emulator = emulatorFor();
    for (const [name, code] of [
      ['  ', 'blank'],
      ['x'.repeat(256), 'too_long'],
    ]) {
      const { status, body } = await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name } } });
      expect([status, body.errors[0].key, body.errors[0].code]).toEqual([422, 'name', code]);
    }
  });

  it('gives 20 parallel creates of one name exactly one 201', async () => {
    const emulator = emulatorFor();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Race' } } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(19);
  });

  it("keeps users_count, the tag's users and the users' list_tags the same set", async () => {
    const emulator = emulatorFor({ users: 120 });
    const users = await walk(emulator, '/users', 'test-token', 50);
    for (const tag of await walk(emulator, '/group_tags')) {
      const members = await walk(emulator, `/group_tags/${tag.id}/users`);
      const tagged = users.filter((u) => u.list_tags.includes(tag.name));
      expect(
        members.map((u) => u.id),
        tag.name,
      ).toEqual(tagged.map((u) => u.id));
      expect(tag.users_count, tag.name).toBe(members.length);
    }
  });

  it("follows membership through the users' list_tags, which a PUT replaces", async () => {
    const emulator = emulatorFor();
    const tag = (await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Guild' } } })).body.data;
    await call(emulator, 'PUT', '/users/20', { json: { user: { list_tags: ['Guild', 'QA'] } } });
    expect((await call(emulator, 'GET', `/group_tags/${tag.id}`)).body.data.users_count).toBe(1);
    await call(emulator, 'PUT', '/users/20', { json: { user: { list_tags: ['QA'] } } });
    expect((await call(emulator, 'GET', `/group_tags/${tag.id}`)).body.data.users_count).toBe(0);
    expect((await call(emulator, 'GET', '/users/20')).body.data.list_tags).toEqual(['QA']);
  });

  it("renames a tag in every member's list_tags, and a delete removes it from them", async () => {
    const emulator = emulatorFor();
    const backend = (await call(emulator, 'GET', '/group_tags?names[]=Backend')).body.data[0];
    const members = await walk(emulator, `/group_tags/${backend.id}/users`);
    expect(members.length).toBeGreaterThan(0);
    const renamed = await call(emulator, 'PUT', `/group_tags/${backend.id}`, {
      json: { group_tag: { name: 'Server side' } },
    });
    expect(renamed.body.data).toEqual({ id: backend.id, name: 'Server side', users_count: members.length });
    for (const member of members) {
      const tags = (await call(emulator, 'GET', `/users/${member.id}`)).body.data.list_tags;
      expect(tags).toContain('Server side');
      expect(tags).not.toContain('Backend');
    }
    expect((await call(emulator, 'DELETE', `/group_tags/${backend.id}`)).status).toBe(204);
    expect((await call(emulator, 'GET', `/group_tags/${backend.id}`)).status).toBe(404);
    expect((await call(emulator, 'GET', `/group_tags/${backend.id}/users`)).status).toBe(404);
    for (const member of members) {
      expect((await call(emulator, 'GET', `/users/${member.id}`)).body.data.list_tags).not.toContain('Server side');
    }
  });

  it('filters by names[] (Rails-style, several names)', async () => {
    const emulator = emulatorFor();
    const { body } = await call(emulator, 'GET', '/group_tags?names[]=QA&names[]=Design&names[]=Nope');
    expect(body.data.map((t: { name: string }) => t.name).sort()).toEqual(['Design', 'QA']);
  });

  it('renaming to a name another tag has is 422 taken; to its own name is fine', async () => {
    const emulator = emulatorFor();
    const [qa] = (await call(emulator, 'GET', '/group_tags?names[]=QA')).body.data;
    const taken = await call(emulator, 'PUT', `/group_tags/${qa.id}`, { json: { group_tag: { name: 'Design' } } });
    expect([taken.status, taken.body.errors[0].code]).toEqual([422, 'taken']);
    expect((await call(emulator, 'PUT', `/group_tags/${qa.id}`, { json: { group_tag: { name: 'QA' } } })).status).toBe(
      200,
    );
  });
});
