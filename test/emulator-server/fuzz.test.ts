// Nothing a client sends can stop the emulator server or make it break the spec: for every
// operation of the spec (read from the spec, not listed here), fast-check sends malformed paths,
// query parameters, headers, JSON bodies and multipart bodies to a server of this file's own, in
// process on a free port. Each answer must be below 500 and keep to the spec (the server checks it
// and journals any violation); after the runs the server still serves and the workspace
// invariants hold.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Operation } from '../../scripts/lib/spec.js';
import { EMULATOR_TOKENS } from '../../src/emulator/index.js';
import { type EmulatorServer, startEmulatorServer } from '../../src/emulator/node/server.js';
import { checkConsistent } from '../emulator/invariants.js';
import { PNG } from '../support/sdk-calls.js';
import { specOperations } from '../support/spec.js';

const RUNS_PER_OPERATION = 12;
let server: EmulatorServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    spec: inject('bundledSpec'),
    engine: { users: 8, seed: 5 },
    log: (line) => logged.push(line),
  });
});
afterAll(() => server?.stop());

/** Text as a client may put it anywhere: odd escapes, control and non-ASCII characters, long runs. */
const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('%', '%zz', '%C0%AE', '%00', '..', '-1', '1e9', '99999999999', '0x10', ' ', '"', "'", '\\'),
  fc.nat({ max: 40 }).map((n) => 'x'.repeat(n * 1000)),
);

/** A path parameter: a real id, an id that does not exist, or anything at all. */
const pathValue = fc.oneof(fc.constantFrom('12', '13', '14', '1', '0', '999999'), oddText);

/** A value for one query parameter, or for an unknown one. */
const queryValue = fc.oneof(fc.constantFrom('1', '50', '51', '0', '-5', 'User', 'Task', 'true'), oddText);

const tokens = fc.option(fc.constantFrom(...Object.keys(EMULATOR_TOKENS), 'not-a-token', ''), { nil: undefined });

// Only what fetch will send: a header value with no CR, LF or NUL.
const headerText = fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n\0]/g, ' ').trim());
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'json',
  'application/json;;;',
  'text/plain',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/merge-patch+json',
  '*/*',
);

/** Any JSON value, nested objects and arrays included, and sometimes the spec's own example. */
const jsonBody = (example: unknown) =>
  fc.oneof(
    fc.constant(example),
    fc.jsonValue({ maxDepth: 4 }),
    fc.dictionary(fc.constantFrom('user', 'group_tag', 'status', 'skip_email_notify'), fc.jsonValue({ maxDepth: 3 })),
  );

/** A body as raw text: malformed JSON, nesting far past any limit, a huge string, nothing. */
const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"user":', '[]', 'null', '""', `${'['.repeat(5000)}${']'.repeat(5000)}`, ''),
  fc.nat({ max: 5 }).map((n) => JSON.stringify({ user: { first_name: 'x'.repeat(n * 300_000) } })),
);

/** A multipart form: parts with odd names, filenames and types, an image or random bytes. */
const formBody = fc
  .array(
    fc.record({
      name: fc.oneof(fc.constant('image'), headerText),
      filename: fc.oneof(fc.constant('avatar.png'), fc.constant('a"b\u0000c\u00ff.png'), headerText),
      type: fc.constantFrom('image/png', 'application/octet-stream', 'text/plain', ''),
      bytes: fc.oneof(fc.constant(PNG), fc.uint8Array({ maxLength: 64 })),
      asText: fc.boolean(),
    }),
    { maxLength: 3 },
  )
  .map((parts) => {
    const form = new FormData();
    for (const part of parts) {
      if (part.asText) form.append(part.name, part.filename);
      else
        form.append(part.name, new Blob([part.bytes as Uint8Array<ArrayBuffer>], { type: part.type }), part.filename);
    }
    return form;
  });

interface Sent {
  method: string;
  path: string;
  init: RequestInit;
}

function requestsFor(operation: Operation): fc.Arbitrary<Sent> {
  const params = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const query = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const json = operation.requestBody?.content['application/json'];
  const multipart = operation.requestBody?.content['multipart/form-data'];
  const example = (json as { example?: unknown; examples?: Record<string, { value: unknown }> } | undefined)?.examples;
  const body: fc.Arbitrary<BodyInit | undefined> = json
    ? fc.oneof(
        jsonBody(Object.values(example ?? {})[0]?.value).map((v) => JSON.stringify(v)),
        rawBody,
      )
    : multipart
      ? fc.oneof(formBody, rawBody)
      : fc.option(rawBody, { nil: undefined });
  return fc
    .record({
      ids: fc.tuple(...params.map(() => pathValue)),
      query: fc.dictionary(fc.oneof(fc.constantFrom(...query, 'unknown'), headerText), queryValue, { maxKeys: 4 }),
      token: tokens,
      type: fc.option(contentType, { nil: undefined }),
      header: fc.option(fc.tuple(fc.constantFrom('x-odd', 'accept', 'if-none-match', 'prefer'), headerText), {
        nil: undefined,
      }),
      body,
    })
    .map(({ ids, query: values, token, type, header, body: sent }) => {
      let path = operation.path;
      params.forEach((name, i) => {
        path = path.replace(`{${name}}`, ids[i] ?? '');
      });
      const search = new URLSearchParams(values).toString();
      const headers = new Headers();
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      if (header) headers.set(header[0], header[1]);
      // A FormData sets its own multipart type with a boundary, unless one is forced over it.
      if (type !== undefined && !(sent instanceof FormData && type.startsWith('multipart')))
        headers.set('content-type', type);
      return {
        method: operation.method.toUpperCase(),
        path: search ? `${path}?${search}` : path,
        init: { headers, body: sent },
      };
    });
}

async function send({ method, path, init }: Sent): Promise<Response> {
  // A path as typed, escapes and all: URL would normalise `..` and encode what it cannot carry.
  const url = new URL(server.url);
  return fetch(`${url.origin}${path.startsWith('/') ? '' : '/'}${path}`, {
    ...init,
    method,
    signal: AbortSignal.timeout(15_000),
  });
}

describe('the emulator server under fuzzed requests', { timeout: 120_000 }, () => {
  const operations = specOperations();

  it('covers every operation of the spec', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  for (const operation of operations) {
    it(`${operation.operationId}: no 5xx, every answer keeps to the spec`, async () => {
      await fc.assert(
        fc.asyncProperty(requestsFor(operation), async (sent) => {
          let response: Response;
          try {
            response = await send(sent);
          } catch (error) {
            // fetch itself refused what the arbitrary made (a path it cannot send): not the server's.
            if (error instanceof TypeError && !/fetch failed/.test(error.message)) return;
            throw error;
          }
          const text = await response.text();
          expect(response.status, `${sent.method} ${sent.path.slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500);
          expect(response.headers.get('x-request-id')).toBeTruthy();
          const { data } = (await (await fetch(`${server.url}/__emulator/requests`)).json()) as {
            data: { requestId: string; violations: unknown[] }[];
          };
          const entry = data.find((e) => e.requestId === response.headers.get('x-request-id'));
          expect(
            entry?.violations ?? [],
            `${sent.method} ${sent.path.slice(0, 200)} → ${response.status}: ${text.slice(0, 300)}`,
          ).toEqual([]);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    });
  }

  it('still serves, logged no violation, and the workspace invariants hold', async () => {
    const profile = await fetch(`${server.url}/profile`, { headers: { authorization: 'Bearer test-token' } });
    expect(profile.status).toBe(200);
    expect(logged.filter((line) => line.startsWith('spec violation'))).toEqual([]);
    await checkConsistent(server.emulator);
  });
});
