// pachca-sdk/msw against the SDK, for every operation of the spec: the default handlers answer the
// first success example; mock.<operationId>({ example }) answers every named example of the
// success response; mock.<operationId>({ status, example }) every declared error response, which
// the SDK must turn into its typed error. The calls, the expectations and the coverage gate all
// come from the spec (test/msw/calls.ts), so a new operation is covered with no change here.
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorStatuses, successStatus } from '../../scripts/lib/operation-table.js';
import type { Operation } from '../../scripts/lib/spec.js';
import { declaredExamples, exampleKey, examplesOf } from '../support/coverage.js';
import { errorClassFor } from '../support/errors.js';
import { spec, specOperations } from '../support/spec.js';
import { handlers, mock } from '../../src/msw/index.js';
import { everyOperationResponses, everyOperationStatuses } from '../../generated/msw.js';
import { specAjv } from '../support/response-schemas.js';
import { DEFAULT_BASE_URL, Pachca, type PachcaApiError } from '../../src/index.js';
import { expectResult, sdkCall } from '../support/sdk-calls.js';

const ops = specOperations();
const server = setupServer(...handlers());

const requestIdOf = (op: Operation, status: number) =>
  (op.responses[String(status)] as unknown as { headers: Record<string, { schema: { example: string } }> }).headers[
    'x-request-id'
  ]!.schema.example;

/** `operationId status example` triples a passing test answered, for the coverage gate. */
const exercised = new Set<string>();
const key = exampleKey;

/** Runs the operation's SDK call; returns its outcome and the x-request-id (and any Retry-After) of every answer. */
async function run(op: Operation) {
  const requestIds: (string | null)[] = [];
  const retryAfters: (string | null)[] = [];
  const client = new Pachca({
    token: 'msw-test-token',
    maxRetries: 0,
    timeoutMs: 5_000,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      requestIds.push(response.headers.get('x-request-id'));
      retryAfters.push(response.headers.get('retry-after'));
      return response;
    },
  });
  const outcome = await sdkCall(op)(client).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, requestIds, retryAfters };
}

const anyMock = mock as unknown as Record<string, (options: object) => HttpHandler>;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('the default handlers', () => {
  it('cover exactly the operations of the spec, at the API base URL', () => {
    expect(Object.keys(mock).sort()).toEqual(ops.map((op) => op.operationId).sort());
    expect(handlers()).toHaveLength(ops.length);
    expect(DEFAULT_BASE_URL).toBe('https://api.pachca.com/api/shared/v1');
  });

  it.each(ops.map((op) => [op.operationId, op] as const))('%s answers its first success example', async (_, op) => {
    const status = successStatus(op);
    const example = examplesOf(op, status)[0]!;
    const { value, error, requestIds } = await run(op);
    if (error) throw error;
    expectResult(op, example, value);
    expect(requestIds).toEqual([requestIdOf(op, status)]);
    exercised.add(key(op, status, example));
  });
});

const successCases = ops.flatMap((op) =>
  examplesOf(op, successStatus(op))
    .filter((example) => example.name)
    .map((example) => ({ op, example })),
);

describe('mock.<operationId>({ example }) answers every named example of the success response', () => {
  it.each(successCases.map((c) => [`${c.op.operationId} ${c.example.name}`, c] as const))(
    '%s',
    async (_, { op, example }) => {
      server.use(anyMock[op.operationId]!({ example: example.name }));
      const { value, error } = await run(op);
      if (error) throw error;
      expectResult(op, example, value);
      exercised.add(key(op, successStatus(op), example));
    },
  );
});

const errorCases = ops.flatMap((op) =>
  errorStatuses(op).flatMap((status) => examplesOf(op, status).map((example) => ({ op, status, example }))),
);

describe('mock.<operationId>({ status }) answers every declared error, which becomes its typed error', () => {
  it.each(errorCases.map((c) => [`${c.op.operationId} → ${c.status} ${c.example.name ?? ''}`, c] as const))(
    '%s',
    async (_, { op, status, example }) => {
      const ErrorClass = errorClassFor(status);
      server.use(anyMock[op.operationId]!({ status, ...(example.name && { example: example.name }) }));
      const { error } = await run(op);
      expect(error).toBeInstanceOf(ErrorClass);
      const apiError = error as PachcaApiError;
      expect(apiError.status).toBe(status);
      expect(apiError.method).toBe(op.method.toUpperCase());
      expect(apiError.body).toEqual(example.value);
      expect(apiError.requestId).toBe(requestIdOf(op, status));
      exercised.add(key(op, status, example));
    },
  );
});

const everyOperationCases = ops.flatMap((op) => everyOperationStatuses.map((status) => ({ op, status })));

describe('mock.<operationId>({ status }) answers 429 and 5xx, which the API documents for every operation', () => {
  const validErrorBody = specAjv().compile(spec().components.schemas!.ApiError as object);

  it.each(everyOperationCases.map((c) => [`${c.op.operationId} → ${c.status}`, c] as const))(
    '%s',
    async (_, { op, status }) => {
      server.use(anyMock[op.operationId]!({ status }));
      const { error, requestIds, retryAfters } = await run(op);
      expect(error).toBeInstanceOf(errorClassFor(status));
      const apiError = error as PachcaApiError;
      expect(apiError.status).toBe(status);
      expect(validErrorBody(apiError.body), JSON.stringify(validErrorBody.errors)).toBe(true);
      expect(apiError.body).toEqual(everyOperationResponses[status].examples.error);
      expect(requestIds).toEqual([requestIdOf(op, successStatus(op))]);
      expect(retryAfters).toEqual([status === 429 ? '1' : null]);
    },
  );

  it("a 429's Retry-After and body can be replaced", async () => {
    const op = ops.find((o) => o.operationId === 'getUser')!;
    const body = { errors: [{ key: 'base', value: null, message: 'Slow down', code: 'throttled', payload: null }] };
    server.use(mock.getUser({ status: 429, headers: { 'retry-after': '7' }, body }));
    const { error, retryAfters } = await run(op);
    expect(retryAfters).toEqual(['7']);
    expect((error as PachcaApiError).body).toEqual(body);
  });
});

describe('coverage gate', () => {
  const declared = declaredExamples(ops);
  let summary = '';
  afterAll(() => {
    if (summary) console.log(summary);
  });

  // Runs after every test above (tests in a file run in order): it sees what they exercised.
  it('exercised every operation, every declared status and every named example', () => {
    const statuses = (pairs: string[]) => new Set(pairs.map((triple) => triple.split(' ').slice(0, 2).join(' ')));
    const covered = [...exercised];
    const coveredOps = new Set(covered.map((triple) => triple.split(' ')[0]));
    summary =
      `msw coverage: ${coveredOps.size}/${ops.length} operations, ` +
      `${statuses(covered.filter((t) => declared.includes(t))).size}/${statuses(declared).size} responses, ` +
      `${declared.filter((t) => exercised.has(t)).length}/${declared.length} examples`;
    expect(
      declared.filter((triple) => !exercised.has(triple)),
      'declared responses or examples never answered',
    ).toEqual([]);
    expect(ops.filter((op) => !coveredOps.has(op.operationId)).map((op) => op.operationId)).toEqual([]);
    expect(ops.length).toBeGreaterThan(0);
  });
});
