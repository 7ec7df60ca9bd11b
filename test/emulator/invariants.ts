// What must hold of any workspace, whatever requests came before: a full walk lists everyone once,
// each user and tag reads as listed, a tag's users_count is its members, and what was deleted stays
// gone. The property test checks it after every step, the server's fuzz after its runs.
import { expect } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { call, walk } from './support.js';

export const ids = (items: { id: number }[]) => items.map((item) => item.id);

export async function checkConsistent(emulator: Emulator, deleted: string[] = []) {
  const users = await walk(emulator, '/users', 'test-token', 50);
  expect(new Set(ids(users)).size, 'a full walk lists no one twice').toBe(users.length);
  for (const user of users) expect((await call(emulator, 'GET', `/users/${user.id}`)).body.data).toEqual(user);
  const tags = await walk(emulator, '/group_tags', 'test-token', 50);
  for (const tag of tags) {
    expect((await call(emulator, 'GET', `/group_tags/${tag.id}`)).body.data).toEqual(tag);
    const members = await walk(emulator, `/group_tags/${tag.id}/users`, 'test-token', 50);
    expect(tag.users_count, tag.name).toBe(members.length);
    expect(ids(members)).toEqual(ids(users.filter((u) => u.list_tags.includes(tag.name))));
  }
  for (const path of deleted) expect((await call(emulator, 'GET', path)).status, path).toBe(404);
  return { users: ids(users), tags: ids(tags) };
}
