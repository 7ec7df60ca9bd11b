// Cursor pagination in the emulator: whole walks with no one twice, has_next false on the last
// page, all four paginate fields with string cursors, limit 1..50 and foreign cursors refused.
import { describe, expect, it } from 'vitest';
import { call, emulatorFor, walk } from './support.js';

describe('emulator pagination', () => {
  it('walks all 120 default users in three pages of 50, each once, ending at has_next false', async () => {
    const emulator = emulatorFor({ users: 120 });
    const pages = [];
    let cursor = '';
    do {
      const { body } = await call(emulator, 'GET', `/users?limit=50${cursor}`);
      pages.push(body);
      cursor = `&cursor=${body.meta.paginate.next_page}`;
    } while (pages.at(-1).meta.paginate.has_next);
    expect(pages.map((p) => p.data.length)).toEqual([50, 50, 20]);
    const ids = pages.flatMap((p) => p.data.map((u: { id: number }) => u.id));
    expect(new Set(ids).size).toBe(120);
    for (const page of pages) {
      for (const key of ['next_page', 'prev_page']) expect(typeof page.meta.paginate[key]).toBe('string');
    }
    expect(pages.map((p) => [p.meta.paginate.has_prev, p.meta.paginate.has_next])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('answers the same next_page again on an empty tail, and prev_page goes back', async () => {
    const emulator = emulatorFor({ users: 10 });
    const last = await call(emulator, 'GET', '/users?limit=10');
    const tail = await call(emulator, 'GET', `/users?limit=10&cursor=${last.body.meta.paginate.next_page}`);
    expect(tail.body.data).toEqual([]);
    expect(tail.body.meta.paginate.next_page).toBe(last.body.meta.paginate.next_page);
    const second = await call(
      emulator,
      'GET',
      `/users?limit=4&cursor=${(await call(emulator, 'GET', '/users?limit=4')).body.meta.paginate.next_page}`,
    );
    const back = await call(emulator, 'GET', `/users?limit=4&cursor=${second.body.meta.paginate.prev_page}`);
    expect(back.body.data.map((u: { id: number }) => u.id)).toEqual([12, 13, 14, 15]);
  });

  it('neither repeats nor skips anyone when users are created and deleted between pages', async () => {
    const emulator = emulatorFor({ users: 30 });
    const first = await call(emulator, 'GET', '/users?limit=10');
    await call(emulator, 'DELETE', '/users/15');
    await call(emulator, 'POST', '/users', { json: { user: { email: 'late@example.com' } } });
    const rest = await walk(emulator, '/users', 'test-token', 10, first.body.meta.paginate.next_page);
    const ids = [...first.body.data, ...rest].map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe(42);
  });

  it('enforces limit 1..50 with a 422 keyed limit', async () => {
    const emulator = emulatorFor();
    for (const limit of ['0', '51', 'x', '2.5']) {
      for (const path of ['/users', '/group_tags', '/group_tags/9111/users']) {
        const { status, body } = await call(emulator, 'GET', `${path}?limit=${limit}`);
        expect([status, body.errors[0].key], `${path} ${limit}`).toEqual([422, 'limit']);
      }
    }
    expect((await call(emulator, 'GET', '/users?limit=1')).body.data).toHaveLength(1);
  });

  it('refuses a cursor it did not hand out with a clear 400', async () => {
    const emulator = emulatorFor();
    for (const cursor of ['garbage', 'eyJpZCI6MX0', btoa('{"offset":3}').replace(/=+$/, '')]) {
      const { status, body } = await call(emulator, 'GET', `/users?cursor=${cursor}`);
      expect([status, body.errors[0].key, body.errors[0].code], cursor).toEqual([400, 'cursor', 'invalid']);
    }
  });
});
