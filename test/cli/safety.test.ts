// What the CLI sends, checked on a local server that records every request: destructive commands
// need --force off a terminal, --dry-run sends nothing, updates send only the flags given, list
// flags take JSON or comma lists, --all walks every page. The binary is spawned for one refused
// delete and one dry run; everything else runs the same program in-process.
import { describe, expect, it, type TestContext } from 'vitest';
import { jsonBody, startServer, type TestServer } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, runCli, runInProcess, type CliOptions } from './run-cli.js';

const TOKEN = 'cli-safety-token-5f2e9a7c1d3b8e4f';
const USER = { id: 12, first_name: 'Oleg', list_tags: [], custom_properties: [] };

/** A local API that answers every request like the real one would, and records it; closed after the test. */
async function fakeApi({ onTestFinished }: TestContext): Promise<TestServer> {
  const server = await startServer();
  onTestFinished(() => server.close());
  server.respond((request) => {
    if (request.method === 'DELETE') return { status: 204 };
    if (request.method === 'POST') return { status: 201, body: { data: USER } };
    return { body: { data: USER } };
  });
  return server;
}

/** The CLI with PACHCA_TOKEN set against `server`: in-process, or spawned with `run` = runCli. */
function cli(server: TestServer, args: string[], options: CliOptions = {}, run = runInProcess) {
  return run(['--base-url', server.url, ...args], { ...options, env: { PACHCA_TOKEN: TOKEN, ...options.env } });
}

describe.concurrent('pachca CLI: what reaches the API', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('refuses a destructive command without --force when not on a terminal, sending nothing', async (context) => {
    const server = await fakeApi(context);
    const runs = await Promise.all([
      cli(server, ['users', 'delete', '12'], {}, runCli),
      cli(server, ['profile', 'delete-status']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Refusing to send DELETE \/(users\/12|profile\/status) .* without --force/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('sends a destructive command with --force', async (context) => {
    const server = await fakeApi(context);
    const run = await cli(server, ['users', 'remove-status', '12', '--force']);
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /users/12/status']);
  });

  it('prints the request for --dry-run, token masked, and sends nothing', async (context) => {
    const server = await fakeApi(context);
    const [create, remove] = await Promise.all([
      cli(
        server,
        [
          'users',
          'create',
          '--email=ivan@example.com',
          '--first-name=Иван',
          '--skip-email-notify',
          '--dry-run',
          '-o',
          'json',
        ],
        {},
        runCli,
      ),
      // No --force needed: nothing is deleted.
      cli(server, ['users', 'delete', '12', '--dry-run']),
    ]);
    expect(server.requests).toHaveLength(0);
    expect(create.code).toBe(0);
    expect(create.json()).toMatchObject({
      method: 'POST',
      url: `${server.url}/users`,
      headers: { Authorization: `Bearer ${TOKEN.slice(0, 4)}…${TOKEN.slice(-4)}`, 'Content-Type': 'application/json' },
      body: { user: { email: 'ivan@example.com', first_name: 'Иван' }, skip_email_notify: true },
    });
    expect(remove.code).toBe(0);
    expect(remove.stdout.split('\n')[0]).toBe(`DELETE ${server.url}/users/12`);
    for (const run of [create, remove]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('sends only the fields given on users update (--suspended / --no-suspended)', async (context) => {
    const server = await fakeApi(context);
    const runs = await Promise.all([
      cli(server, ['users', 'update', '12', '--suspended']),
      cli(server, ['users', 'update', '12', '--no-suspended']),
      cli(server, ['users', 'update', '12', '--title=CTO', '--list-tags=[{"name":"Backend"}]']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const bodies = server.requests.map((r) => jsonBody(r));
    expect(bodies).toHaveLength(3);
    expect(bodies).toContainEqual({ user: { suspended: true } });
    expect(bodies).toContainEqual({ user: { suspended: false } });
    expect(bodies).toContainEqual({ user: { title: 'CTO', list_tags: ['Backend'] } });
  });

  it('takes list flags as JSON or comma lists and JSON for nested values', async (context) => {
    const server = await fakeApi(context);
    server.respond((request) =>
      request.method === 'GET'
        ? { body: { data: [], meta: { paginate: { next_page: 'x', has_next: false } } } }
        : { status: 201, body: { data: USER } },
    );
    const runs = await Promise.all([
      cli(server, ['group-tags', 'list', '--names=Backend,QA']),
      cli(server, ['group-tags', 'list', '--names=["Backend","QA"]']),
      cli(server, [
        'users',
        'create',
        '--email=a@example.com',
        '--role=guest',
        '--chat-ids=334',
        '--custom-properties=[{"id":1678,"value":"SPb"}]',
      ]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const lists = server.requests.filter((r) => r.method === 'GET').map((r) => decodeURIComponent(r.url));
    expect(lists).toEqual(['/group_tags?names[]=Backend&names[]=QA', '/group_tags?names[]=Backend&names[]=QA']);
    expect(jsonBody(server.requests.find((r) => r.method === 'POST'))).toEqual({
      user: { email: 'a@example.com', role: 'guest', chat_ids: [334], custom_properties: [{ id: 1678, value: 'SPb' }] },
    });
  });

  it('rejects bad values and empty updates as usage errors before sending anything', async (context) => {
    const server = await fakeApi(context);
    const runs = await Promise.all([
      cli(server, ['users', 'update', '12']),
      cli(server, ['users', 'create', '--email=a@example.com', '--custom-properties={broken']),
      cli(server, ['users', 'create', '--email=a@example.com', '--chat-ids=1,two']),
      cli(server, ['users', 'create', '--email=a@example.com', '--role=owner']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]!.stderr).toContain('Nothing to send');
    expect(runs[1]!.stderr).toContain('expected JSON');
    expect(runs[2]!.stderr).toContain('expected an integer');
    expect(runs[3]!.stderr).toMatch(/Allowed choices are admin, user, multi_guest, guest/);
    expect(server.requests).toHaveLength(0);
  });

  it('pages through everything with --all, with progress on stderr', async (context) => {
    const server = await fakeApi(context);
    const pages: Record<string, { data: unknown[]; next: string; more: boolean }> = {
      '': { data: [{ id: 1 }, { id: 2 }], next: 'c2', more: true },
      c2: { data: [{ id: 3 }, { id: 4 }], next: 'c3', more: true },
      c3: { data: [{ id: 5 }], next: 'c4', more: false },
    };
    server.respond((request) => {
      const page = pages[new URL(request.url, server.url).searchParams.get('cursor') ?? '']!;
      return { body: { data: page.data, meta: { paginate: { next_page: page.next, has_next: page.more } } } };
    });
    const run = await cli(server, ['users', 'list', '--limit=2', '--all']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/users?limit=2',
      '/users?limit=2&cursor=c2',
      '/users?limit=2&cursor=c3',
    ]);
    expect(run.stderr).toContain('Fetched 3 pages, 5 items');

    // On a terminal: one progress line rewritten in place and cleared at the end, then a table.
    const onTerminal = await cli(server, ['users', 'list', '--limit=2', '--all'], { terminal: { columns: 80 } });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stderr).toBe('\r\x1b[2KFetched 2 pages, 4 items…\r\x1b[2KFetched 3 pages, 5 items…\r\x1b[2K');
    expect(
      onTerminal.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.trim()),
    ).toEqual(['id', '1', '2', '3', '4', '5']);
  });
});
