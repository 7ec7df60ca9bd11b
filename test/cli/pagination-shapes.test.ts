// `--all` walks every page shape the API documents, through the same SDK pagination: the full
// meta (has_next), next_page alone (followed until an empty page), meta without paginate or
// without next_page (one page), and search meta (total). Run in-process against a scripted server.
import { describe, expect, it } from 'vitest';
import { useTestServer, type Reply } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, runInProcess } from './run-cli.js';

type Item = { id: number };
const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }));
const reply = (data: Item[], meta?: unknown): Reply => ({ body: meta === undefined ? { data } : { data, meta } });

const server = useTestServer();

const listAll = (args: string[]) =>
  runInProcess(['--base-url', server.url, '-o', 'json', ...args, '--all'], {
    env: { PACHCA_TOKEN: 'cli-pages-token' },
  });
const urls = () => server.requests.map((r) => r.url);

describe('pachca … --all: page shapes', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('full meta: has_next: false ends the list, an empty page with has_next: true does not', async () => {
    const meta = (next: string, hasNext: boolean) => ({
      paginate: { next_page: next, prev_page: 'p', has_next: hasNext, has_prev: false },
    });
    server.script(
      reply(items(1, 2), meta('c2', true)),
      reply([], meta('c3', true)),
      reply(items(3), meta('c4', false)),
      reply(items(99), meta('c5', false)),
    );
    const run = await listAll(['users', 'list']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users', '/users?cursor=c2', '/users?cursor=c3']);
  });

  it('next_page alone (no has_next): followed until a page comes back empty', async () => {
    const meta = (next: string) => ({ paginate: { next_page: next } });
    server.script(
      reply(items(1, 2), meta('c2')),
      reply(items(3), meta('c3')),
      reply([], meta('c4')),
      reply(items(99), meta('c5')),
    );
    const run = await listAll(['group-tags', 'list-users', '7']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/group_tags/7/users', '/group_tags/7/users?cursor=c2', '/group_tags/7/users?cursor=c3']);
    expect(run.stderr).toContain('Fetched 3 pages, 3 items');
  });

  it.for([
    ['meta without paginate', {}],
    ['no meta at all', undefined],
    ['paginate without next_page', { paginate: { has_next: true } }],
  ] as const)('%s: one page, no error', async ([, meta]) => {
    server.script(reply(items(1, 2), meta), reply(items(99), { paginate: { next_page: 'x', has_next: false } }));
    const run = await listAll(['group-tags', 'list']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual(items(1, 2));
    expect(server.requests).toHaveLength(1);
  });

  it('search meta: stops once total items have arrived', async () => {
    const meta = (next: string) => ({ total: 3, paginate: { next_page: next } });
    server.script(reply(items(1, 2), meta('n2')), reply(items(3), meta('n3')), reply(items(99), meta('n4')));
    const run = await listAll(['users', 'list', '--query=ann']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual(items(1, 2, 3));
    expect(urls()).toEqual(['/users?query=ann', '/users?query=ann&cursor=n2']);
  });

  it('a repeated cursor without has_next stops with an error instead of looping', async () => {
    server.script(
      reply(items(1), { paginate: { next_page: 'same' } }),
      reply(items(2), { paginate: { next_page: 'same' } }),
    );
    const run = await listAll(['users', 'list']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Cursor "same" repeated/);
    expect(server.requests).toHaveLength(2);
  });
});
