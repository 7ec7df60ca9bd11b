// Cursor pagination end rules: has_next false ends a list (an empty or short page does not); without
// has_next, next_page is followed until an empty page; meta without paginate or next_page ends
// after that page; search meta ends at total or an empty page; a repeated cursor or the page cap
// ends with PachcaPaginationError instead of looping forever.
import { describe, expect, it } from 'vitest';
import { PachcaPaginationError } from '../../src/index.js';
import { clientFor, useTestServer, type Reply } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

type Item = { id: number };
const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }));
const page = (data: Item[], hasNext: boolean, nextPage: string): Reply => ({
  body: { data, meta: { paginate: { has_next: hasNext, next_page: nextPage, has_prev: false, prev_page: 'prev' } } },
});
const searchPage = (data: Item[], total: number, nextPage: string): Reply => ({
  body: { data, meta: { total, paginate: { next_page: nextPage } } },
});

const server = useTestServer();
const urls = () => server.requests.map((r) => r.url);

describe('end of a list', () => {
  it('has_next: false ends the list even though next_page is present', async () => {
    server.script(page(items(1, 2), true, 'c2'), page(items(3), false, 'c3'), page(items(99), false, 'c4'));
    await expect(clientFor(server).users.listAll()).resolves.toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users', '/users?cursor=c2']);
  });

  it('a page shorter than limit mid-stream is not the end', async () => {
    server.script(page(items(1, 2, 3), true, 'c2'), page(items(4), true, 'c3'), page(items(5, 6), false, 'c4'));
    await expect(clientFor(server).users.listAll({ limit: 3 })).resolves.toEqual(items(1, 2, 3, 4, 5, 6));
    expect(urls()).toEqual(['/users?limit=3', '/users?limit=3&cursor=c2', '/users?limit=3&cursor=c3']);
  });

  it('an empty page with has_next: true is not the end', async () => {
    server.script(page(items(1), true, 'c2'), page([], true, 'c3'), page(items(2), false, 'c4'));
    await expect(clientFor(server).groupTags.listAll()).resolves.toEqual(items(1, 2));
    expect(server.requests).toHaveLength(3);
  });

  it('a single page with has_next: false makes one request', async () => {
    server.script(page([], false, 'c2'));
    await expect(clientFor(server).groupTags.listAllUsers(4)).resolves.toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

/** The shapes the API's reference and schema allow besides the full one (has_next is optional). */
describe('pages without has_next', () => {
  const nextOnly = (data: Item[], nextPage: string): Reply => ({
    body: { data, meta: { paginate: { next_page: nextPage } } },
  });

  it('next_page alone is followed until a page comes back empty', async () => {
    server.script(nextOnly(items(1, 2), 'c2'), nextOnly(items(3), 'c3'), nextOnly([], 'c4'), nextOnly(items(99), 'c5'));
    await expect(clientFor(server).users.listAll()).resolves.toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users', '/users?cursor=c2', '/users?cursor=c3']);
  });

  it('for await and nextPage() follow next_page alone too', async () => {
    server.script(nextOnly(items(1), 'c2'), nextOnly(items(2), 'c3'), nextOnly([], 'c4'));
    const seen: unknown[] = [];
    for await (const item of clientFor(server).groupTags.listUsers(4)) seen.push(item);
    expect(seen).toEqual(items(1, 2));
    server.script(nextOnly(items(1), 'c2'), nextOnly([], 'c3'));
    const first = await clientFor(server).groupTags.list();
    expect(first.hasNextPage()).toBe(true);
    const second = await first.nextPage();
    expect(second.hasNextPage()).toBe(false);
  });

  it('has_next: false still ends at once, and has_next: true still passes an empty page', async () => {
    server.script(
      { body: { data: items(1), meta: { paginate: { next_page: 'c2', has_next: true } } } },
      { body: { data: [], meta: { paginate: { next_page: 'c3', has_next: true } } } },
      { body: { data: items(2), meta: { paginate: { next_page: 'c4', has_next: false } } } },
      nextOnly(items(99), 'c5'),
    );
    await expect(clientFor(server).users.listAll()).resolves.toEqual(items(1, 2));
    expect(server.requests).toHaveLength(3);
  });

  it.for([
    ['meta without paginate', { data: items(1, 2), meta: {} }],
    ['no meta at all', { data: items(1, 2) }],
    ['paginate without next_page', { data: items(1, 2), meta: { paginate: { has_next: true } } }],
    ['paginate with an empty next_page', { data: items(1, 2), meta: { paginate: { next_page: '', has_next: true } } }],
  ] as const)('%s ends after that page', async ([, body]) => {
    server.script({ body }, page(items(99), false, 'x'));
    await expect(clientFor(server).users.listAll()).resolves.toEqual(items(1, 2));
    const first = await clientFor(server).users.list();
    expect(first.hasNextPage()).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('a repeated cursor without has_next is still caught', async () => {
    server.script(nextOnly(items(1), 'same'), nextOnly(items(2), 'same'), nextOnly([], 'x'));
    expect(await rejection(clientFor(server).users.listAll())).toBeInstanceOf(PachcaPaginationError);
    expect(server.requests).toHaveLength(2);
  });

  it('the page cap applies without has_next too', async () => {
    server.respond((_, index) => nextOnly(items(index), `c${index + 1}`));
    expect(await rejection(clientFor(server, { maxPages: 4 }).users.listAll())).toBeInstanceOf(PachcaPaginationError);
    expect(server.requests).toHaveLength(4);
  });
});

describe('search meta (GET /users with query)', () => {
  it('stops once total items have arrived, ignoring next_page', async () => {
    server.script(searchPage(items(1, 2), 3, 'n2'), searchPage(items(3), 3, 'n3'), searchPage(items(99), 3, 'n4'));
    await expect(clientFor(server).users.listAll({ query: 'ann' })).resolves.toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users?query=ann', '/users?query=ann&cursor=n2']);
  });

  it('stops at an empty page even if total promised more', async () => {
    server.script(searchPage(items(1), 10, 'n2'), searchPage([], 10, 'n3'), searchPage(items(99), 10, 'n4'));
    await expect(clientFor(server).users.listAll({ query: 'ann' })).resolves.toEqual(items(1));
    expect(server.requests).toHaveLength(2);
  });

  it('reports no next page when total is reached on the first page', async () => {
    server.script(searchPage(items(1, 2), 2, 'n2'));
    const first = await clientFor(server).users.list({ query: 'ann' });
    expect(first.hasNextPage()).toBe(false);
  });
});

describe('runaway protection', () => {
  it('a repeated cursor ends with PachcaPaginationError', async () => {
    server.script(page(items(1), true, 'same'), page(items(2), true, 'same'), page(items(3), false, 'x'));
    const error = await rejection(clientFor(server).users.listAll());
    expect(error).toBeInstanceOf(PachcaPaginationError);
    expect((error as Error).message).toContain('"same"');
    expect(server.requests).toHaveLength(2);
  });

  it('a cursor cycle over several pages is caught too', async () => {
    server.script(
      page(items(1), true, 'a'),
      page(items(2), true, 'b'),
      page(items(3), true, 'a'),
      page(items(4), false, 'z'),
    );
    expect(await rejection(clientFor(server).users.listAll())).toBeInstanceOf(PachcaPaginationError);
    expect(server.requests).toHaveLength(3);
  });

  it('the client maxPages caps an endless list with PachcaPaginationError', async () => {
    server.respond((_, index) => page(items(index), true, `c${index + 1}`));
    const error = await rejection(clientFor(server, { maxPages: 3 }).users.listAll());
    expect(error).toBeInstanceOf(PachcaPaginationError);
    expect((error as Error).message).toMatch(/maxPages/);
    expect(server.requests).toHaveLength(3);
  });

  it('listAll accepts maxPages per call', async () => {
    server.respond((_, index) => page(items(index), true, `c${index + 1}`));
    const error = await rejection(clientFor(server).groupTags.listAll({}, { maxPages: 2 }));
    expect(error).toBeInstanceOf(PachcaPaginationError);
    expect(server.requests).toHaveLength(2);
  });

  it('a list exactly maxPages long is not an error', async () => {
    server.script(page(items(1), true, 'c2'), page(items(2), false, 'c3'));
    await expect(clientFor(server, { maxPages: 2 }).users.listAll()).resolves.toEqual(items(1, 2));
  });
});

describe('pages and iteration', () => {
  it('for await over client.users.list() yields every item of every page', async () => {
    server.script(page(items(1, 2), true, 'c2'), page([], true, 'c3'), page(items(3), false, 'c4'));
    const seen: Item[] = [];
    for await (const user of clientFor(server).users.list({ limit: 2 })) seen.push(user as Item);
    expect(seen).toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users?limit=2', '/users?limit=2&cursor=c2', '/users?limit=2&cursor=c3']);
  });

  it('iteration is lazy: breaking early fetches no further pages', async () => {
    server.script(page(items(1, 2), true, 'c2'), page(items(3), false, 'c3'));
    for await (const user of clientFor(server).users.list()) {
      expect(user).toEqual({ id: 1 });
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it('a page exposes data, meta, hasNextPage(), nextCursor and nextPage()', async () => {
    server.script(page(items(1), true, 'c2'), page(items(2), false, 'c3'));
    const first = await clientFor(server).groupTags.list({ names: ['A'] });
    expect(first.data).toEqual(items(1));
    expect(first.meta.paginate.next_page).toBe('c2');
    expect(first.hasNextPage()).toBe(true);
    expect(first.nextCursor).toBe('c2');

    const second = await first.nextPage();
    expect(second.data).toEqual(items(2));
    expect(second.hasNextPage()).toBe(false);
    expect(second.nextCursor).toBeUndefined();
    expect(urls()).toEqual(['/group_tags?names[]=A', '/group_tags?names[]=A&cursor=c2']);

    expect(await rejection(second.nextPage())).toBeInstanceOf(PachcaPaginationError);
    expect(server.requests).toHaveLength(2);
  });

  it('a failed nextPage() can be retried, and calling it twice is not a repeated cursor', async () => {
    server.script(page(items(1), true, 'c2'), { status: 500, body: 'down' }, page(items(2), false, 'c3'));
    const first = await clientFor(server).users.list();
    expect(await rejection(first.nextPage())).not.toBeInstanceOf(PachcaPaginationError);
    await expect(first.nextPage()).resolves.toMatchObject({ data: items(2) });
    await expect(first.nextPage()).resolves.toMatchObject({ data: items(2) });
    expect(urls()).toEqual(['/users', '/users?cursor=c2', '/users?cursor=c2', '/users?cursor=c2']);
  });

  it('an awaited page is itself iterable over the rest of the list', async () => {
    server.script(page(items(1), true, 'c2'), page(items(2), false, 'c3'));
    const first = await clientFor(server).users.list();
    const seen: unknown[] = [];
    for await (const user of first) seen.push(user);
    expect(seen).toEqual(items(1, 2));
  });

  it('starts from a cursor the caller passes', async () => {
    server.script(page(items(7), false, 'c9'));
    const first = await clientFor(server).users.list({ cursor: 'resume-here' });
    expect(first.data).toEqual(items(7));
    expect(urls()).toEqual(['/users?cursor=resume-here']);
  });
});
