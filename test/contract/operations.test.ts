// Contract tests: every operation of the spec, called through the SDK against the Prism mock
// started from the same spec (with request validation on). Success cases replay every named
// example of the success response; error cases ask Prism for every declared error status and
// example. The last test is the coverage gate: it fails if any operation or declared response
// was never exercised here.
import { afterAll, describe, expect, it } from 'vitest';
import { errorStatuses, successStatus } from '../../scripts/lib/operation-table.js';
import type { Operation, ResponseObject } from '../../scripts/lib/spec.js';
import { declaredResponses, examplesOf } from '../support/coverage.js';
import { errorClassFor } from '../support/errors.js';
import { specOperations } from '../support/spec.js';
import { type PachcaApiError, PachcaPaginationError, operations, type OperationId } from '../../src/index.js';
import { pathPattern } from '../../src/core/names.js';
import { MOCK_TOKEN, mockClient, mockUrl } from '../support/mock.js';
import { expectTokenHidden } from '../support/assertions.js';
import { expectResult, listAllCall, sdkCall, type SdkCall } from '../support/sdk-calls.js';
import { recordingFetch, type Exchange } from './wire.js';

const ops = specOperations();

/** `operationId status` pairs that a passing test exercised, for the coverage gate. */
const exercised = new Set<string>();

type JsonResponse = ResponseObject & { headers?: Record<string, { schema?: { example?: unknown } }> };

function response(op: Operation, status: number): JsonResponse {
  return op.responses[String(status)] as JsonResponse;
}

/** The operation's SDK method, called with the spec's examples (test/support/sdk-calls.ts). */
const callFor = (op: Operation): SdkCall => sdkCall(op);

/** Runs `call` against Prism with a recording client; returns the outcome and the one exchange. */
async function run(call: SdkCall, prefer: string | undefined) {
  const wire: Exchange[] = [];
  const client = mockClient({ fetch: recordingFetch(wire) });
  const options = prefer ? { headers: { Prefer: prefer } } : {};
  const outcome = await Promise.resolve(call(client, options)).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, wire };
}

/** The request went where the spec says, with the spec's query names and the Bearer token. */
function expectWireMatchesSpec(op: Operation, wire: Exchange[]): Exchange {
  expect(wire).toHaveLength(1);
  const exchange = wire[0]!;
  expect(exchange.method).toBe(op.method.toUpperCase());
  expect(exchange.url.pathname).toMatch(pathPattern(op.path, '\\d+'));
  const declared = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  for (const name of exchange.url.searchParams.keys()) expect(declared).toContain(name);
  expect(exchange.authorization).toBe(`Bearer ${MOCK_TOKEN}`);
  return exchange;
}

const successCases = ops.flatMap((op) => examplesOf(op, successStatus(op)).map((example) => ({ op, example })));

const errorCases = ops.flatMap((op) =>
  errorStatuses(op).flatMap((status) => examplesOf(op, status).map((example) => ({ op, status, example }))),
);

describe('every operation answers its success response through the SDK', () => {
  it.each(
    successCases.map((c) => [`${c.op.operationId} → ${successStatus(c.op)} ${c.example.name ?? ''}`, c] as const),
  )('%s', async (_, { op, example }) => {
    const status = successStatus(op);
    const { value, error, wire } = await run(callFor(op), example.name && `example=${example.name}`);
    if (error) throw error;
    const exchange = expectWireMatchesSpec(op, wire);
    // Prism answers the spec's status; the SDK's generated table must agree with it.
    expect(exchange.status).toBe(status);
    expect(operations[op.operationId as OperationId].success).toBe(status);
    expectResult(op, example, value);
    exercised.add(`${op.operationId} ${status}`);
  });
});

describe('every declared error response becomes its typed error', () => {
  it.each(errorCases.map((c) => [`${c.op.operationId} → ${c.status} ${c.example.name ?? ''}`, c] as const))(
    '%s',
    async (_, { op, status, example }) => {
      const ErrorClass = errorClassFor(status);
      const prefer = `code=${status}${example.name ? `, example=${example.name}` : ''}`;
      const { error, wire } = await run(callFor(op), prefer);

      const exchange = expectWireMatchesSpec(op, wire);
      expect(exchange.status).toBe(status);
      expect(error).toBeInstanceOf(ErrorClass);
      const apiError = error as PachcaApiError;
      expect(apiError.status).toBe(status);
      expect(apiError.method).toBe(op.method.toUpperCase());
      expect(apiError.url).toBe(`${mockUrl()}${exchange.url.pathname}`);
      expect(apiError.requestId).toBe(response(op, status).headers?.['x-request-id']?.schema?.example);

      const body = example.value as { errors?: unknown[]; error?: string; error_description?: string } | undefined;
      expect(apiError.body).toEqual(body);
      if (body?.errors) {
        expect(apiError.errors).toEqual(body.errors);
        expect(apiError.field).toEqual(body.errors[0]);
        expect(apiError.error).toBeUndefined();
      } else {
        expect(apiError.errors).toEqual([]);
        expect(apiError.error).toBe(body?.error);
        expect(apiError.errorDescription).toBe(body?.error_description);
      }
      expect(apiError.toJSON()).toMatchObject({ name: ErrorClass.name, status, requestId: apiError.requestId });
      expectTokenHidden(apiError, MOCK_TOKEN);
      exercised.add(`${op.operationId} ${status}`);
    },
  );
});

describe('listAll* collects every page', () => {
  const lists = ops.filter((op) => op['x-paginated']);

  it.each(lists.map((op) => [op.operationId, op] as const))('%s: the last page alone', async (_, op) => {
    const { value, error } = await run(listAllCall(op), 'example=lastPage');
    if (error) throw error;
    const lastPage = examplesOf(op, 200).find((e) => e.name === 'lastPage');
    expect(value).toEqual((lastPage!.value as { data: unknown[] }).data);
  });

  it.each(lists.map((op) => [op.operationId, op] as const))(
    '%s: a page served again ends the walk, at the search total or with an error',
    async (_, op) => {
      // Prism answers every page with the same `nextPage` example, so the cursor repeats. A
      // search-style list (`meta.total`) stops once it holds `total` items; a cursor list can only
      // see the repeat, and stops with an error.
      const nextPage = examplesOf(op, 200).find((e) => e.name === 'nextPage')!.value as {
        data: unknown[];
        meta: { total?: number };
      };
      const { value, error, wire } = await run(listAllCall(op), 'example=nextPage');
      const { total } = nextPage.meta;
      if (total === undefined) {
        expect(error).toBeInstanceOf(PachcaPaginationError);
        expect(wire).toHaveLength(2);
        expect(wire[1]!.url.searchParams.get('cursor')).toBeTruthy();
      } else {
        if (error) throw error;
        expect(value).toHaveLength(total);
        expect(wire).toHaveLength(Math.ceil(total / nextPage.data.length));
      }
    },
  );
});

describe('coverage gate', () => {
  const declared = declaredResponses(ops);
  let summary = '';
  afterAll(() => {
    if (summary) console.log(summary);
  });

  // Runs after every test above (tests in a file run in order): it sees what they exercised.
  it('exercised every operation and every declared response', () => {
    const opIds = ops.map((op) => op.operationId);
    const coveredOps = opIds.filter((id) => [...exercised].some((pair) => pair.startsWith(`${id} `)));
    const coveredResponses = declared.filter((pair) => exercised.has(pair));
    summary = `contract coverage: ${coveredOps.length}/${opIds.length} operations, ${coveredResponses.length}/${declared.length} responses`;
    expect(
      opIds.filter((id) => !coveredOps.includes(id)),
      'operations without a passing contract test',
    ).toEqual([]);
    expect(
      declared.filter((pair) => !exercised.has(pair)),
      'declared responses never exercised',
    ).toEqual([]);
    expect(opIds.length).toBeGreaterThan(0);
  });
});
