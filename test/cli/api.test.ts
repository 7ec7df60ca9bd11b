// `pachca api`: any request against the Prism mock (which rejects what the spec does not allow),
// typed and nested fields, a whole body from stdin, multipart files, 204 and 404, --dry-run; and
// the offline reference (`api ls`, `--describe`) read from the operation table. In-process, but
// for the body piped into the real binary's stdin.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { MOCK_TOKEN } from '../support/mock.js';
import { CLI_TEST_TIMEOUT_MS, runAgainstMock, runInProcess, tempDir } from './run-cli.js';

const api = (args: string[], options = {}) => runAgainstMock(['api', ...args], options, runInProcess);
/** A dry run against a port nothing listens on: the request is printed, and could not have been sent. */
const dryRun = (args: string[], options = {}) =>
  runInProcess(['--base-url', 'http://127.0.0.1:9', 'api', ...args, '--dry-run', '-o', 'json'], {
    env: { PACHCA_TOKEN: MOCK_TOKEN },
    ...options,
  });

describe.concurrent('pachca api', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('sends a GET with repeated --query pairs (names[] kept) and prints the body as it came', async () => {
    const run = await api([
      'GET',
      '/group_tags',
      '--query',
      'limit=2',
      '--query',
      'names[]=Backend',
      '--query',
      'names[]=QA',
      '-v',
    ]);
    expect(run.code, run.stderr).toBe(0);
    // -v: the SDK's debug line of the attempt shows the query as sent.
    expect(run.stderr).toMatch(
      /^pachca-sdk: GET http:\/\/127\.0\.0\.1:\d+\/group_tags\?limit=2&names%5B%5D=Backend&names%5B%5D=QA → 200 /m,
    );
    const body = run.json();
    expect(Array.isArray(body.data)).toBe(true);
    expect(body.meta.paginate).toHaveProperty('next_page');
  });

  it('types -F values (integers, booleans, null, JSON) and nests user[first_name]; -f stays a string', async () => {
    const run = await dryRun([
      'POST',
      '/users',
      '-F',
      'user[email]=ivan@example.com',
      '-F',
      'user[first_name]=Ivan',
      '-F',
      'user[suspended]=false',
      '-F',
      'user[chat_ids]=[7]',
      '-F',
      'user[custom_properties]=[{"id":1678,"value":"Tula"}]',
      '-F',
      'user[list_tags][]=Backend',
      '-f',
      'user[list_tags][]=42',
      '-F',
      'user[department]=null',
      '-F',
      'skip_email_notify=true',
      '-f',
      'user[nickname]=007',
      '-F',
      'count=12',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().body).toEqual({
      user: {
        email: 'ivan@example.com',
        first_name: 'Ivan',
        suspended: false,
        chat_ids: [7],
        custom_properties: [{ id: 1678, value: 'Tula' }],
        list_tags: ['Backend', '42'],
        department: null,
        nickname: '007',
      },
      skip_email_notify: true,
      count: 12,
    });
  });

  it('creates a user on the mock from -F fields (the mock checks the body against the spec)', async () => {
    const run = await api([
      'POST',
      '/users',
      '-F',
      'user[email]=ivan@example.com',
      '-F',
      'user[first_name]=Ivan',
      '-F',
      'skip_email_notify=true',
      '-F',
      'user[list_tags][]=Backend',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().data).toMatchObject({ id: expect.any(Number), email: expect.any(String) });
  });

  it('reads the whole body from stdin with --input -, and from a file', async () => {
    const body = JSON.stringify({ group_tag: { name: 'QA' } });
    // Spawned: the body comes through a real stdin pipe.
    const fromStdin = await runAgainstMock(['api', 'POST', '/group_tags', '--input', '-', '-o', 'json'], {
      input: body,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.json().data).toMatchObject({ id: expect.any(Number), name: expect.any(String) });

    const file = join(tempDir(), 'body.json');
    writeFileSync(file, body);
    const fromFile = await dryRun(['POST', '/group_tags', '--input', file]);
    expect(fromFile.json().body).toEqual({ group_tag: { name: 'QA' } });
    const fromData = await dryRun(['PUT', '/group_tags/9111', '--data', body]);
    expect(fromData.json()).toMatchObject({ method: 'PUT', body: { group_tag: { name: 'QA' } } });
  });

  it('sends a multipart file with --file FIELD=PATH', async () => {
    const image = join(tempDir(), 'avatar.png');
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const printed = await dryRun(['PUT', '/profile/avatar', '--file', `image=${image}`]);
    expect(printed.json().body.image).toEqual({ filename: 'avatar.png', type: 'image/png', size: 8 });
    const sent = await api(['PUT', '/profile/avatar', '--file', `image=${image}`]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.json().data.image_url).toMatch(/^https:/);
  });

  it('prints nothing for a 204, and a table of `data` with -o table', async () => {
    const deleted = await api(['DELETE', '/group_tags/9111', '--force']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toBe('');
    const table = await api(['GET', '/group_tags/9111', '-o', 'table']);
    expect(table.stdout).toMatch(/^id\s+9111$/m);
  });

  it('exits 1 on a 404 with the API error on stderr', async () => {
    const run = await api(['GET', '/users/999999', '-H', 'Prefer: code=404']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: 404 GET http:\/\/127\.0\.0\.1:\d+\/users\/999999/);
  });

  it('--dry-run prints the request with the token masked and sends nothing', async () => {
    const run = await dryRun(['GET', '/users?limit=5', '--query', 'query=Ivan']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:9/users?limit=5&query=Ivan' });
    expect(run.json().headers.Authorization).toBe(`Bearer ${MOCK_TOKEN.slice(0, 4)}…${MOCK_TOKEN.slice(-4)}`);
    expect(run.stdout + run.stderr).not.toContain(MOCK_TOKEN);
  });

  it('refuses a DELETE without --force when not on a terminal (exit 2)', async () => {
    const run = await runInProcess(['--base-url', 'http://127.0.0.1:9', 'api', 'DELETE', '/users/12'], {
      env: { PACHCA_TOKEN: MOCK_TOKEN },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('without --force');
  });

  it.each([
    [['FETCH', '/users'], /Unknown HTTP method "FETCH"/],
    [['GET', 'users'], /must start with "\/"/],
    [['GET'], /Usage: pachca api METHOD PATH/],
    [['POST', '/users', '-F', 'user={broken'], /-F value is not valid JSON/],
    [['POST', '/users', '-F', 'novalue'], /-F takes key=value/],
    [['POST', '/users', '--data', '{}', '-F', 'a=1'], /cannot be combined/],
    [['POST', '/users', '--input', '/nonexistent/body.json'], /cannot read \/nonexistent\/body.json/],
    [['GET', '/users', '--data', '{}'], /GET sends no body/],
  ])('is a usage error (exit 2): %j', async (args, message) => {
    const run = await runInProcess(['api', ...args], { env: { PACHCA_TOKEN: MOCK_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe.concurrent('pachca api: the offline reference', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('ls --json lists every operation of the table with its method, path, summary and scope', async () => {
    // No token and no network: the list comes from the spec.
    const run = await runInProcess(['api', 'ls', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.json<{ method: string; path: string; scope: string | null }[]>();
    expect(rows).toHaveLength(cliCommands.length);
    expect(rows).toEqual(
      cliCommands.map((c) => ({
        method: c.method,
        path: c.path,
        summary: c.summary,
        scope: c.scope ?? null,
        command: `pachca ${c.words.join(' ')}`,
      })),
    );
    expect(rows.find((r) => r.path === '/users' && r.method === 'POST')?.scope).toBe('users:create');
  });

  it('ls prints METHOD, PATH, SUMMARY and SCOPE columns on a terminal', async () => {
    const run = await runInProcess(['api', 'ls', '--no-truncate'], { terminal: { columns: 200 } });
    expect(run.stdout.split('\n')[0]).toMatch(/^method\s+path\s+summary\s+scope/);
    expect(run.stdout).toMatch(/^GET\s+\/users\s+List users\s+users:read/m);
  });

  it('--describe prints POST /users from the spec: summary, scope, body fields with the required ones marked, responses', async () => {
    const run = await runInProcess(['api', 'POST', '/users', '--describe', '--no-truncate']);
    expect(run.code, run.stderr).toBe(0);
    const text = run.stdout;
    expect(text).toMatch(/^POST \/users — Create a user$/m);
    expect(text).toContain('Scope: users:create');
    expect(text).toContain('Body (application/json):');
    expect(text).toMatch(/^ {2}user\.email\s+string\s+required\s+Email address/m);
    expect(text).toMatch(/^ {2}user\.first_name\s+string\s+First name\./m);
    expect(text).toMatch(/^ {2}user\.role\s+string \(admin\|user\|multi_guest\|guest\)/m);
    expect(text).toMatch(/^ {2}skip_email_notify\s+boolean\s+Do not email/m);
    for (const status of ['201', '400', '401', '402', '403', '422'])
      expect(text).toMatch(new RegExp(`^ {2}${status}\\s+\\S`, 'm'));
    expect(text).not.toMatch(/parameters:/);
  });

  it('--describe matches a concrete path to its template and shows path and query parameters; -o json gives the data', async () => {
    const get = await runInProcess(['api', 'GET', '/group_tags/9111/users', '--describe', '--no-truncate']);
    expect(get.stdout).toMatch(/^GET \/group_tags\/\{id\}\/users — /m);
    expect(get.stdout).toMatch(/Path parameters:\n {2}id\s+integer\s+required/);
    expect(get.stdout).toMatch(/Query parameters:\n {2}limit\s+integer/);
    const json = await runInProcess(['api', 'POST', '/users', '--describe', '-o', 'json']);
    expect(json.json()).toMatchObject({
      method: 'POST',
      path: '/users',
      scope: 'users:create',
      operation_id: 'createUser',
    });
    expect(json.json().body.fields).toContainEqual(expect.objectContaining({ name: 'user.email', required: true }));
    const unknown = await runInProcess(['api', 'GET', '/nowhere', '--describe']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('pachca api ls');
  });
});
