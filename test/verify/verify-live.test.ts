// `npm run verify:live` against local servers that play the API: one that answers from the
// spec's examples, and ones that drift, refuse the token, fail a write or cannot be reached.
// Each case starts its own Prism proxy; the cases run side by side, two at a time.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OperationId, operations } from '../../generated/operations.js';
import type { Spec } from '../../scripts/lib/spec.js';
import { spec as loadSpec } from '../support/spec.js';
import { PAGE_SIZE } from '../../scripts/lib/verify/reads.js';
import { TAG_PREFIX } from '../../scripts/lib/verify/walk.js';
import { startFakeApi, type Drift, type FakeApi } from './fake-api.js';
import { expectCleanExit, inVerifySlot, runVerify, startVerify, VERIFY_TOKEN, type VerifyRun } from './run-verify.js';

// Starting Prism takes seconds, and longer when several start at once on 2 cores.
const CASE_TIMEOUT_MS = 150_000;

let spec: Spec;
const fakes: FakeApi[] = [];
beforeAll(() => {
  spec = loadSpec();
});
afterAll(() => Promise.all(fakes.map((fake) => fake.close())));

async function fakeApi(drift: Partial<Record<OperationId, Drift>> = {}): Promise<FakeApi> {
  const fake = await startFakeApi(spec, { token: VERIFY_TOKEN, drift });
  fakes.push(fake);
  return fake;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Started once, read by two tests. */
let drifted: Promise<{ fake: FakeApi; run: VerifyRun }> | undefined;
function driftedRun() {
  drifted ??= (async () => {
    let statusReads = 0;
    const fake = await fakeApi({
      // The status read first has expired (the spec's example expires in the future).
      getProfileStatus: (_, reply) => {
        if (statusReads++ === 0)
          (reply.body as { data: Record<string, unknown> }).data.expires_at = '2020-03-10T23:59:59.000Z';
        return reply;
      },
      getProfile: (_, reply) => {
        delete (reply.body as { data: Record<string, unknown> }).data.email;
        return reply;
      },
      getUser: (_, reply) => {
        (reply.body as { data: Record<string, unknown> }).data.role = 'superuser';
        return reply;
      },
      getTokenInfo: (_, reply) => {
        (reply.body as { data: Record<string, unknown> }).data.token = null;
        return reply;
      },
      getUserStatus: () => ({ status: 409, body: { errors: [] } }),
      updateGroupTag: () => ({ status: 500, body: { errors: [] } }),
      deleteGroupTag: () => ({ status: 200, body: { data: { id: 9111, name: 'Backend', users_count: 0 } } }),
    });
    return { fake, run: await runVerify(fake.baseUrl, ['--writes', '--json']) };
  })();
  return drifted;
}

describe.concurrent('npm run verify:live', { timeout: CASE_TIMEOUT_MS }, () => {
  test('a fake that answers with the spec own examples: every operation checked, 0 violations, exit 0; the writes are undone', async () => {
    // A status without an expiry is put back as it was.
    const fake = await fakeApi({
      getProfileStatus: (_, reply) => {
        (reply.body as { data: Record<string, unknown> }).data.expires_at = null;
        return reply;
      },
    });
    const run = await runVerify(fake.baseUrl, ['--writes', '--json']);
    const report = run.report();
    expect(run.code, run.stderr).toBe(0);
    expect(report.violations).toEqual([]);
    expect(report.checks.filter((c) => c.skipped)).toEqual([]);
    // Every GET of the operation table is read (each list twice: a page and the next), then the
    // round trips write and undo.
    const gets = Object.entries(operations)
      .filter(([, op]) => op.route.startsWith('GET '))
      .map(([id]) => id);
    const checkedIds = new Set<string>(report.checks.map((c) => c.operationId));
    expect(
      gets.filter((id) => !checkedIds.has(id)),
      'GETs the live check never read',
    ).toEqual([]);
    const labels = report.checks.map((c) => (c.label ? `${c.operationId} (${c.label})` : c.operationId));
    for (const id of gets.filter((id) => 'paginated' in operations[id as OperationId]))
      expect(labels).toContain(`${id} (page 2)`);
    expect(labels.slice(-6)).toEqual([
      'createGroupTag',
      'updateGroupTag',
      'deleteGroupTag',
      'updateProfileStatus (set)',
      'getProfileStatus (after set)',
      'updateProfileStatus (restore)',
    ]);
    expect(labels.slice(0, -6).filter((label) => !gets.includes(label.split(' ')[0] ?? ''))).toEqual([]);
    expect(report.checked).toBe(report.checks.length);
    // A required enum parameter is read once per value.
    expect(
      fake.calls.filter((c) => c.operationId === 'listCustomProperties').map((c) => c.query.get('entity_type')),
    ).toEqual(['User', 'Task']);
    expect(run.stdout).not.toContain('Prism');
    // Prism's log is captured, and shown only with --verbose.
    expect(run.stderr).not.toContain('[prism]');

    // Two pages of small size, and the profile's nickname searched for.
    const userLists = fake.calls.filter((c) => c.operationId === 'listUsers');
    expect(userLists.map((c) => [c.query.get('limit'), c.query.has('cursor'), c.query.has('query')])).toEqual([
      [String(PAGE_SIZE), false, false],
      [String(PAGE_SIZE), true, false],
      [String(PAGE_SIZE), false, true],
    ]);
    // The tag created is the one deleted; the status read first is the one put back.
    const created = fake.calls.find((c) => c.operationId === 'createGroupTag')!;
    expect((created.body as { group_tag: { name: string } }).group_tag.name).toMatch(
      new RegExp(`^${TAG_PREFIX}[0-9a-f]{8}$`),
    );
    expect(fake.calls.filter((c) => c.operationId === 'deleteGroupTag').map((c) => c.path)).toEqual([
      '/group_tags/9111',
    ]);
    const [, restore] = fake.calls.filter((c) => c.operationId === 'updateProfileStatus');
    expect(restore!.body).toEqual({
      status: {
        emoji: '🏖️',
        title: 'On vacation until March 10',
        is_away: true,
        away_message: 'I am on vacation. For urgent matters contact @ivanov.',
      },
    });
  });

  test('a drifted fake: each violation reported at its location, exit 1', async () => {
    const { run } = await driftedRun();
    expect(run.code, run.stderr).toBe(1);
    const found = run
      .report()
      .violations.map(({ operationId, location, message }) => ({ operationId, location, message }));
    expect(found).toEqual([
      {
        operationId: 'getProfile',
        location: 'response body data',
        message: "Response body property data must have required property 'email'",
      },
      {
        operationId: 'getTokenInfo',
        location: 'response body data.token',
        message: 'Response body property data.token must be string',
      },
      {
        operationId: 'getUser',
        location: 'response body data.role',
        message: expect.stringMatching(
          /^Response body property data.role must be equal to one of the allowed values: admin, user, multi_guest, guest/,
        ),
      },
      {
        operationId: 'getUserStatus',
        location: 'response status code',
        message: expect.stringMatching(
          /^Unable to match the returned status code with those defined in the document: 200,401,403,404/,
        ),
      },
      {
        operationId: 'updateGroupTag',
        location: 'response status code',
        message: expect.stringMatching(/^Unable to match the returned status code/),
      },
      {
        operationId: 'deleteGroupTag',
        location: 'response status code',
        message: expect.stringMatching(
          /^Unable to match the returned status code with those defined in the document: 204,/,
        ),
      },
    ]);
    // Prism rates an undeclared 2xx an Error, any other undeclared status a Warning: both count.
    expect(run.report().checks.find((c) => c.operationId === 'getUserStatus')).toMatchObject({
      status: 409,
      violations: [{ severity: 'Warning' }],
    });
    expect(run.report().checks.find((c) => c.operationId === 'deleteGroupTag')).toMatchObject({
      status: 200,
      violations: [{ severity: 'Error' }],
    });
  });

  test('--writes against a fake that fails the rename: the tag is still deleted', async () => {
    const { fake, run } = await driftedRun();
    expect(run.report().checks.find((c) => c.operationId === 'updateGroupTag')).toMatchObject({
      status: 500,
      error: expect.any(String),
    });
    expect(fake.calls.filter((c) => c.operationId === 'deleteGroupTag').map((c) => c.path)).toEqual([
      '/group_tags/9111',
    ]);
    expect(run.report().leftBehind).toEqual([]);
  });

  test('--writes when the status read first had expired: it is cleared rather than set again', async () => {
    const { fake, run } = await driftedRun();
    expect(
      run
        .report()
        .checks.slice(-3)
        .map((c) => [c.operationId, c.label, c.status]),
    ).toEqual([
      ['updateProfileStatus', 'set', 200],
      ['getProfileStatus', 'after set', 200],
      ['deleteProfileStatus', undefined, 204],
    ]);
    expect(fake.calls.filter((c) => c.operationId === 'updateProfileStatus')).toHaveLength(1);
  });

  test('a fake that answers 401: the walk stops at the first call, exit 3', async () => {
    const fake = await fakeApi();
    const run = await runVerify(fake.baseUrl, ['--verbose'], { token: `${VERIFY_TOKEN}-revoked` });
    expect(run.code, run.stderr).toBe(3);
    // --verbose shows Prism's log at debug level, where it prints the headers it forwards: redacted.
    expect(run.stderr).toMatch(/^\[prism\] .*authorization: Bearer \[token\]$/m);
    expect(fake.calls.map((c) => c.operationId)).toEqual(['getProfile']);
    expect(run.stdout).toMatch(/^ {2}getProfile +401 +\d+ ms {2}0 violations/m);
    expect(run.stdout).toContain('Stopped early: the token was refused: getProfile answered 401');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('verify: 1 operations checked, 0 violations');
  });

  test('an unreachable base URL: exit 4 without starting Prism', async () => {
    const run = await runVerify(`http://127.0.0.1:${await closedPort()}/api/shared/v1`, ['--json']);
    expect(run.code, run.stderr).toBe(4);
    expect(run.prismPid).toBeUndefined();
    expect(run.report()).toMatchObject({ checked: 0, stopped: expect.stringContaining('ECONNREFUSED') });
  });

  test('Ctrl-C while a call is waiting: Prism is stopped, exit 130', async ({ expect }) => {
    const fake = await fakeApi({ getProfile: () => ({ hang: true }) });
    const run = await inVerifySlot(async () => {
      const verify = startVerify(fake.baseUrl, ['--writes']);
      const prismPid = await verify.proxyStarted;
      await expect.poll(() => fake.calls.length, { timeout: 30_000 }).toBe(1);
      // Not even Prism's environment holds the token: it forwards the SDK's header instead.
      expect(readFileSync(`/proc/${prismPid}/environ`, 'utf8')).not.toContain(VERIFY_TOKEN);
      verify.child.kill('SIGINT');
      return verify.done;
    });
    expectCleanExit(run);
    expect(run.code).toBe(130);
    expect(run.prismPid).toBeDefined();
    expect(run.stdout).toContain('Stopped early: interrupted by SIGINT');
  });

  test('no PACHCA_TOKEN: a usage error, exit 2', async () => {
    const run = await runVerify('http://127.0.0.1:9/api/shared/v1', [], { token: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PACHCA_TOKEN is not set');
  });
});
