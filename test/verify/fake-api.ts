// A local server that plays the Pachca API from the spec's own examples, under /api/shared/v1
// like the real one. A test makes it drift by rewriting the reply of chosen operations.
import type { OperationId } from '../../generated/operations.js';
import { listOperations, type Operation, type Spec } from '../../scripts/lib/spec.js';
import { pathPattern } from '../../src/core/names.js';
import { startServer, type RecordedRequest, type Reply } from '../support/http-server.js';

export const API_PREFIX = '/api/shared/v1';

export interface Call {
  operationId: OperationId;
  method: string;
  /** The path after the prefix, e.g. `/group_tags/9111`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Rewrites the reply the examples would give, e.g. drops a field or changes the status. */
export type Drift = (call: Call, reply: Reply) => Reply;

export interface FakeApi {
  /** What PACHCA_BASE_URL would be: `http://127.0.0.1:PORT/api/shared/v1`. */
  baseUrl: string;
  calls: Call[];
  /** Every request, including ones outside the API (Prism's and the reachability probe). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  operation: Operation;
  pattern: RegExp;
}

function routesOf(spec: Spec): Route[] {
  return listOperations(spec).map((operation) => ({
    operation,
    pattern: pathPattern(operation.path),
  }));
}

/** The success example that fits the call: the last page after a cursor, search results for a query. */
function exampleReply(operation: Operation, query: URLSearchParams): Reply {
  const [status, response] = Object.entries(operation.responses).find(([code]) => code.startsWith('2'))!;
  const examples = response.content?.['application/json']?.examples ?? {};
  const wanted = query.has('cursor') ? 'lastPage' : query.has('query') ? 'search' : 'nextPage';
  const example = examples[wanted] ?? Object.values(examples)[0];
  return { status: Number(status), ...(example && { body: structuredClone(example.value) }) };
}

export async function startFakeApi(
  spec: Spec,
  { token, drift = {} }: { token: string; drift?: Partial<Record<OperationId, Drift>> },
): Promise<FakeApi> {
  const server = await startServer();
  const routes = routesOf(spec);
  const calls: Call[] = [];
  server.respond((request) => {
    const url = new URL(request.url, 'http://fake');
    const path = url.pathname.slice(API_PREFIX.length);
    const route = url.pathname.startsWith(API_PREFIX)
      ? routes.find((r) => r.operation.method.toUpperCase() === request.method && r.pattern.test(path))
      : undefined;
    if (!route) return { status: 404, body: { errors: [] } };
    const call: Call = {
      operationId: route.operation.operationId as OperationId,
      method: request.method,
      path,
      query: url.searchParams,
      body: request.body.length ? JSON.parse(request.body.toString('utf8')) : undefined,
    };
    calls.push(call);
    const headers = { 'x-request-id': `fake-${calls.length}` };
    if (request.headers.authorization !== `Bearer ${token}`) {
      return { status: 401, headers, body: { error: 'invalid_token', error_description: 'Access token is invalid' } };
    }
    const reply = exampleReply(route.operation, url.searchParams);
    const drifted = drift[call.operationId]?.(call, reply) ?? reply;
    return { ...drifted, headers: { ...headers, ...drifted.headers } };
  });
  return { baseUrl: `${server.url}${API_PREFIX}`, calls, requests: server.requests, close: () => server.close() };
}
