// How one check reads an answer, in process: a local server replays what Prism 5.14.2's proxy
// sends (recorded from a real Prism in front of a closed port and a misbehaving server).
import { expect, test } from 'vitest';
import { Pachca } from '../../src/index.js';
import { Checker, TokenRefusedError, UnreachableError } from '../../scripts/lib/verify/checker.js';
import { createRecorder } from '../../scripts/lib/verify/recorder.js';
import { TOKEN, useTestServer } from '../support/http-server.js';

const server = useTestServer();

function checkerFor() {
  const recorder = createRecorder(() => undefined);
  const checker = new Checker(recorder, new AbortController().signal);
  const client = new Pachca({
    token: TOKEN,
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 2_000,
    fetch: recorder.fetch,
  });
  return { checker, client };
}

test("Prism's answer when it cannot reach the API (problem+json FetchError) stops the walk as unreachable", async () => {
  server.script({
    status: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'FetchError',
      title: 'request to http://127.0.0.1:1/profile failed, reason: connect ECONNREFUSED 127.0.0.1:1',
      status: 500,
      detail: '',
    }),
  });
  const { checker, client } = checkerFor();
  await expect(checker.check('getProfile', () => client.profile.get())).rejects.toThrow(UnreachableError);
  expect(checker.results).toEqual([
    {
      operationId: 'getProfile',
      violations: [],
      skipped: expect.stringMatching(/^no answer: request to .* ECONNREFUSED/),
    },
  ]);
});

test('a 401 on the first call stops the walk as a refused token; on a later call it is just a status', async () => {
  server.script(
    { status: 200, body: { data: {} } },
    { status: 401, body: { error: 'invalid_token', error_description: 'revoked' } },
  );
  const { checker, client } = checkerFor();
  await checker.check('getProfile', () => client.profile.get());
  await expect(checker.check('getTokenInfo', () => client.oauth.tokenInfo())).resolves.toBeUndefined();
  expect(checker.results.map((r) => r.status)).toEqual([200, 401]);

  const first = checkerFor();
  await expect(first.checker.check('getTokenInfo', () => first.client.oauth.tokenInfo())).rejects.toThrow(
    TokenRefusedError,
  );
});

test('a call the SDK refuses to send (an id that is not an integer) is skipped, not failed', async () => {
  const { checker, client } = checkerFor();
  await expect(checker.check('getUser', () => client.users.get('12' as unknown as number))).resolves.toBeUndefined();
  expect(server.requests).toHaveLength(0);
  expect(checker.results).toEqual([
    { operationId: 'getUser', violations: [], skipped: expect.stringMatching(/^not sent: id must be an id/) },
  ]);
});

test("each answer's sl-violations are the check's, with the status and the SDK's error", async () => {
  const violation = {
    location: ['response', 'body', 'data', 'role'],
    severity: 'Error',
    code: 'enum',
    message: 'Response body property data.role must be equal to one of the allowed values',
  };
  server.script({ status: 404, headers: { 'sl-violations': JSON.stringify([violation]) }, body: { errors: [] } });
  const { checker, client } = checkerFor();
  await checker.check('getUser', () => client.users.get(12));
  expect(checker.results).toEqual([
    {
      operationId: 'getUser',
      status: 404,
      ms: expect.any(Number),
      violations: [{ location: 'response body data.role', severity: 'Error', message: violation.message }],
      error: expect.any(String),
    },
  ]);
});
