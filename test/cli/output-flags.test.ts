// The flags every data-printing command takes: --columns, --no-header, --no-truncate, --plain,
// -q/--quiet, -v/--verbose, --no-color (and NO_COLOR), --no-input. Checked in-process against a
// local server with known data (long values, a retry) so each flag's effect is exact.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it, vi, type TestContext } from 'vitest';
import type { Output } from '../../src/cli/io.js';
import { main } from '../../src/cli/program.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, runInProcess, type CliOptions } from './run-cli.js';

const TOKEN = 'cli-output-token-8d41c0b7e95a2f36';
const LONG_TITLE = 'Head of the department of very long job titles that never fit in a terminal column';
const USERS = [
  {
    id: 12,
    first_name: 'Oleg',
    email: 'olegp@example.com',
    role: 'admin',
    title: LONG_TITLE,
    list_tags: ['Product'],
    user_status: null,
  },
  {
    id: 13,
    first_name: 'Anna',
    email: 'anna@example.com',
    role: 'user',
    title: 'Designer\twith a tab',
    list_tags: [],
    user_status: { emoji: '🏖️' },
  },
];
const PAGE = { data: USERS, meta: { paginate: { next_page: null } } };

async function fakeApi({ onTestFinished }: TestContext): Promise<TestServer> {
  const server = await startServer();
  onTestFinished(() => server.close());
  server.respond((request) => {
    if (request.method === 'DELETE') return { status: 204 };
    if (request.url.startsWith('/users/404'))
      return {
        status: 404,
        body: { errors: [{ key: 'id', value: '404', message: 'Not found', code: 'not_found', payload: null }] },
      };
    return { body: PAGE };
  });
  return server;
}

function cli(server: TestServer, args: string[], options: CliOptions = {}) {
  return runInProcess(['--base-url', server.url, ...args], {
    ...options,
    env: { PACHCA_TOKEN: TOKEN, ...options.env },
  });
}

const lines = (text: string) => text.trimEnd().split('\n');

describe.concurrent('output flags', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('on a terminal, "More results" follows the table, on stderr', async ({ onTestFinished }) => {
    const server = await startServer();
    onTestFinished(() => server.close());
    const meta = { paginate: { next_page: 'cursor-2', prev_page: null, has_next: true, has_prev: false } };
    server.respond(() => ({ body: { data: USERS, meta } }));
    // stdout and stderr of one terminal, as a user sees them: in the order they were written.
    let screen = '';
    const terminal = (stream: string): Output =>
      Object.assign(
        new Writable({
          write(chunk, _encoding, done) {
            screen += `${stream}:${chunk.toString()}`;
            done();
          },
        }),
        { isTTY: true, columns: 100 },
      );
    const io = {
      env: { PACHCA_TOKEN: TOKEN, NO_COLOR: '1' },
      stdin: Object.assign(Readable.from([]), { isTTY: true }),
      stdout: terminal('out'),
      stderr: terminal('err'),
    };
    const code = await main(['node', 'pachca', '--base-url', server.url, 'users', 'list', '-c', 'id'], io);
    expect(code).toBe(0);
    expect(screen.startsWith('out:')).toBe(true);
    expect(screen.endsWith('err:More results: add --cursor=cursor-2, or --all for every page.\n')).toBe(true);
    expect(screen.indexOf('err:')).toBeGreaterThan(screen.lastIndexOf('13'));
  });

  it('-c/--columns keeps the order given in csv, json and table output', async (context) => {
    const server = await fakeApi(context);
    const csv = await cli(server, ['users', 'list', '-c', 'email,id', '-o', 'csv']);
    expect(csv.stdout).toBe('email,id\r\nolegp@example.com,12\r\nanna@example.com,13\n');
    const json = await cli(server, ['users', 'list', '--columns', 'role,id', '-o', 'json']);
    expect(json.json().data.map((u: object) => Object.keys(u))).toEqual([
      ['role', 'id'],
      ['role', 'id'],
    ]);
    expect(json.json().meta).toEqual(PAGE.meta);
    const table = await cli(server, ['users', 'list', '-c', 'email,list_tags,id'], { terminal: { columns: 120 } });
    expect(lines(table.stdout)[0]).toMatch(/^email\s+list_tags\s+id$/);
    expect(lines(table.stdout)[1]).toMatch(/^olegp@example\.com\s+\["Product"\]\s+12$/);
  });

  it('an unknown column is a usage error (exit 2) that lists the valid ones', async (context) => {
    const server = await fakeApi(context);
    const run = await cli(server, ['users', 'list', '-c', 'id,mail']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'Unknown column "mail"; valid columns: id, first_name, email, role, title, list_tags, user_status',
    );
  });

  it('--no-header leaves out the header row of a table and of csv', async (context) => {
    const server = await fakeApi(context);
    const table = await cli(server, ['users', 'list', '-c', 'id,email', '--no-header'], { terminal: { columns: 100 } });
    expect(lines(table.stdout)).toEqual([
      expect.stringMatching(/^12\s+olegp@example\.com$/),
      expect.stringMatching(/^13\s+anna@example\.com$/),
    ]);
    const csv = await cli(server, ['users', 'list', '-c', 'id', '--no-header', '-o', 'csv']);
    expect(csv.stdout).toBe('12\r\n13\n');
  });

  it('cuts table cells to the terminal width by default; --no-truncate prints them whole', async (context) => {
    const server = await fakeApi(context);
    const cut = await cli(server, ['users', 'list', '-c', 'id,title'], { terminal: { columns: 60 } });
    expect(cut.stdout).not.toContain(LONG_TITLE);
    expect(cut.stdout).toMatch(/Head of the department.*…/);
    for (const line of lines(cut.stdout)) expect(line.length).toBeLessThanOrEqual(60);
    const whole = await cli(server, ['users', 'list', '-c', 'id,title', '--no-truncate'], {
      terminal: { columns: 60 },
    });
    expect(whole.stdout).toContain(LONG_TITLE);
  });

  it('--plain prints TSV: no header, id first, nothing cut; with --columns only those, in order', async (context) => {
    const server = await fakeApi(context);
    const plain = await cli(server, ['users', 'list', '--plain'], { terminal: { columns: 40, color: true } });
    expect(plain.code).toBe(0);
    const rows = lines(plain.stdout).map((line) => line.split('\t'));
    expect(rows.map((row) => row[0])).toEqual(['12', '13']);
    expect(rows[0]).toEqual(['12', 'Oleg', 'olegp@example.com', 'admin', LONG_TITLE, '["Product"]', '']);
    // A tab inside a value would shift the columns: it becomes a space.
    expect(rows[1]![4]).toBe('Designer with a tab');
    expect(plain.stdout).not.toContain('\x1b[');
    const chosen = await cli(server, ['users', 'list', '--plain', '--columns', 'email,role']);
    expect(chosen.stdout).toBe('olegp@example.com\tadmin\nanna@example.com\tuser\n');
  });

  it('-q/--quiet prints nothing on success, and still the error on failure', async (context) => {
    const server = await fakeApi(context);
    const ok = await cli(server, ['users', 'list', '-q'], { terminal: { columns: 80 } });
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', '']);
    const deleted = await cli(server, ['--quiet', 'group-tags', 'delete', '9111', '--force']);
    expect([deleted.code, deleted.stdout, deleted.stderr]).toEqual([0, '', '']);
    const failed = await cli(server, ['users', 'get', '404', '-q']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^Error: 404 GET/);
  });

  it('colours the table header on a terminal, but not with --no-color, NO_COLOR or off a terminal', async (context) => {
    const server = await fakeApi(context);
    const coloured = await cli(server, ['users', 'list', '-c', 'id'], { terminal: { columns: 80, color: true } });
    expect(coloured.stdout).toContain('\x1b[1mid\x1b[22m');
    const runs = await Promise.all([
      cli(server, ['users', 'list', '-c', 'id', '--no-color'], { terminal: { columns: 80, color: true } }),
      cli(server, ['users', 'list', '-c', 'id'], { terminal: { columns: 80, color: true }, env: { NO_COLOR: '1' } }),
      cli(server, ['users', 'list', '-c', 'id', '-o', 'table']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^id\n12\n13\n$/);
    }
  });

  it('-v/--verbose writes the SDK debug log on stderr: each attempt, its retry, the call, never the token', async (context) => {
    const server = await startServer();
    context.onTestFinished(() => server.close());
    server.script(
      { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req-0' }, body: { errors: [] } },
      { body: PAGE, headers: { 'x-request-id': 'req-1' } },
    );
    const run = await cli(server, ['users', 'list', '-v', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().data).toHaveLength(2);
    const url = `${server.url}/users`;

    // The SDK's lines (src/core/logging.ts): the first attempt at debug and again as the retry's
    // warning, the second attempt with the body it received, then the call at info.
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pachca-sdk: GET ${url} → 503 Service Unavailable, request id req-0, \\d+ ms, attempt 1 of 3; server error, retrying in 0 ms \\(Retry-After: 0\\); received \\{"errors":\\[\\]\\}$`,
        ),
      ),
      expect.stringMatching(/^pachca-sdk: GET .* attempt 1 of 3; server error, retrying in 0 ms \(Retry-After: 0\)$/),
      expect.stringMatching(
        new RegExp(`^pachca-sdk: GET ${url} → 200 OK, request id req-1, \\d+ ms, attempt 2 of 3; received \\{"data":`),
      ),
      expect.stringMatching(new RegExp(`^pachca-sdk: GET ${url} → 200 OK, request id req-1, \\d+ ms$`)),
    ]);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('without -v nothing is logged, even with PACHCA_LOG set (its console lines would mix into stdout)', async (context) => {
    const server = await fakeApi(context);
    const previous = process.env.PACHCA_LOG;
    process.env.PACHCA_LOG = 'debug';
    const consoleLines = (['debug', 'info', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    context.onTestFinished(() => {
      for (const spy of consoleLines) spy.mockRestore();
      if (previous === undefined) delete process.env.PACHCA_LOG;
      else process.env.PACHCA_LOG = previous;
    });
    const run = await cli(server, ['users', 'list', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(consoleLines.flatMap((spy) => spy.mock.calls)).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain('pachca-sdk:');
  });

  it('--no-input never prompts: a delete without --force fails with exit 2 even on a terminal', async (context) => {
    const server = await fakeApi(context);
    const run = await cli(server, ['users', 'delete', '12', '--no-input'], { terminal: { columns: 80 } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--no-input never asks');
    expect(server.requests).toHaveLength(0);
  });
});
