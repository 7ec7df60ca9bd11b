// Exit codes and error output: 1 API error (message + request id), 2 usage, 3 auth, 4 network,
// 5 a 403 for a scope or role (a 403 by a business rule is 1).
// The token never appears, even when a server echoes it back. The binary is spawned for 401, 404,
// 422 and a usage error; the other cases run the same program in-process.
import { describe, expect, it, type TestContext } from 'vitest';
import { startServer, type Reply, type TestServer } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, runAgainstMock, runCli, runInProcess } from './run-cli.js';

const TOKEN = 'cli-error-token-8d1f4b6a2c9e7f30';

async function serverReplying(context: TestContext, reply: Reply): Promise<TestServer> {
  const server = await startServer();
  context.onTestFinished(() => server.close());
  server.respond(() => reply);
  return server;
}

/** In-process, with PACHCA_TOKEN set. */
const cli = (server: TestServer | string, args: string[]) =>
  runInProcess(['--base-url', typeof server === 'string' ? server : server.url, ...args], {
    env: { PACHCA_TOKEN: TOKEN },
  });

describe.concurrent('pachca CLI: exit codes', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('exits 3 on 401, 5 on a 403 for a scope, 1 on 404 and 422, with the message and request id on stderr', async () => {
    const [unauthorized, forbidden, notFound, invalid] = await Promise.all([
      runAgainstMock(['profile', 'get', '-H', 'Prefer: code=401']),
      runAgainstMock(['users', 'get', '12', '-H', 'Prefer: code=403'], {}, runInProcess),
      runAgainstMock(['users', 'get', '999', '-H', 'Prefer: code=404']),
      // The spec allows limit ≤ 50: the mock answers 422.
      runAgainstMock(['users', 'list', '--limit=100']),
    ]);
    expect([unauthorized.code, forbidden.code, notFound.code, invalid.code]).toEqual([3, 5, 1, 1]);
    expect(unauthorized.stderr).toMatch(/^Error: 401 GET http:\S+\/profile — invalid_token/);
    expect(unauthorized.stderr).toContain('pachca auth status');
    expect(forbidden.stderr).toMatch(/^Error: 403 GET /);
    expect(notFound.stderr).toMatch(/^Error: 404 GET http:\S+\/users\/999 — id: .+ \(not_found\) — request id \S+/);
    expect(invalid.stderr).toMatch(/^Error: 422 GET http:\S+\/users — .+ — request id \S+/);
    for (const run of [unauthorized, forbidden, notFound, invalid]) expect(run.stdout).toBe('');
  });

  it('tells a 403 for a scope or role (5) from a 403 by a business rule (1)', async (context) => {
    const oauth = (error: string) => ({ status: 403, body: { error, error_description: `${error} here` } });
    const rule = (code: string) => ({
      status: 403,
      body: { errors: [{ key: 'id', value: '12', message: 'Refused', code, payload: null }] },
    });
    const replies = [
      oauth('insufficient_scope'),
      oauth('access_denied'),
      rule('permission_denied'),
      { status: 403, body: '' },
      rule('owner_protected'),
      rule('some_future_rule'),
    ];
    const servers = await Promise.all(replies.map((reply) => serverReplying(context, reply)));
    const runs = await Promise.all(servers.map((server) => cli(server, ['users', 'delete', '12', '--force'])));
    expect(runs.map((run) => run.code)).toEqual([5, 5, 5, 5, 1, 1]);
    expect(runs[0]!.stderr).toContain('lacks a scope');
    expect(runs[1]!.stderr).toContain('guests cannot');
    expect(runs[4]!.stderr).toMatch(/^Error: 403 DELETE \S+ — id: Refused \(owner_protected\)/);
  });

  it('never prints the token, even when the server echoes it', async (context) => {
    const server = await serverReplying(context, {
      status: 401,
      headers: { 'x-request-id': 'req-401-abc' },
      body: { error: 'invalid_token', error_description: `Token ${TOKEN} was revoked` },
    });
    const run = await cli(server, ['users', 'get', '12', '--token', TOKEN]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('request id req-401-abc');
    expect(run.stderr).toContain('Token *** was revoked');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('exits 4 when the server cannot be reached or does not answer in --timeout', async (context) => {
    const closed = await startServer();
    const refused = closed.url;
    await closed.close();
    const hanging = await serverReplying(context, { hang: true });
    const [unreachable, slow] = await Promise.all([
      cli(refused, ['profile', 'get', '--no-retry']),
      cli(hanging, ['profile', 'get', '--timeout', '0.3', '--no-retry']),
    ]);
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(/^Error: GET http:\S+\/profile failed: .*ECONNREFUSED/);
    expect(slow.code).toBe(4);
    expect(slow.stderr).toMatch(/timed out after 300 ms/);
  });

  it('retries a 503 unless --no-retry is given', async (context) => {
    const [plain, noRetry] = await Promise.all([
      serverReplying(context, { status: 503, headers: { 'retry-after': '0' }, body: 'busy' }),
      serverReplying(context, { status: 503, headers: { 'retry-after': '0' }, body: 'busy' }),
    ]);
    const runs = await Promise.all([
      cli(plain, ['users', 'get', '12']),
      cli(noRetry, ['users', 'get', '12', '--no-retry']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1]);
    expect([plain.requests.length, noRetry.requests.length]).toEqual([3, 1]);
  });

  it('exits 3 without a token, sending nothing', async (context) => {
    const server = await serverReplying(context, { body: { data: {} } });
    const run = await runInProcess(['--base-url', server.url, 'profile', 'get']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Not logged in: run `pachca auth login');
    expect(server.requests).toHaveLength(0);
  });

  it('exits 2 on usage errors, with a suggestion for a mistyped command or flag', async () => {
    const runs = await Promise.all([
      // The binary, for the exit code a shell sees; the rest in-process.
      runCli(['user', 'list']),
      runInProcess(['users', 'list', '--limt=5']),
      runInProcess(['users', 'get', 'twelve']),
      runInProcess(['common', 'custom-properties']),
      runInProcess(['users', 'get', '12', '-o', 'xml']),
      runInProcess(['users']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    const [command, flag, id, required, format, group] = runs.map((r) => r.stderr);
    expect(command).toContain("unknown command 'user'");
    expect(command).toContain('Did you mean users?');
    expect(flag).toContain("unknown option '--limt=5'");
    expect(flag).toContain('Did you mean --limit?');
    expect(id).toContain('expected an integer, got "twelve"');
    expect(required).toContain("required option '--entity-type <value>' not specified");
    expect(format).toContain('Allowed choices are table, json, yaml, csv');
    expect(group).toContain('Usage: pachca users');
  });

  it('shows help with an example for every group and command, exit 0', async () => {
    const runs = await Promise.all([
      runInProcess(['--help']),
      runInProcess(['users', '--help']),
      runInProcess(['users', 'update', '--help']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    for (const run of runs) expect(run.stdout).toMatch(/\nExample:\n {2}\$ pachca /);
    expect(runs[2]!.stdout).toContain('--no-suspended');
  });
});
