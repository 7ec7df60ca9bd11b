// SDK calls derived from the spec, for the contract and MSW suites, and what each must resolve with: the resource method of the
// operation table, given the spec's examples — path parameter examples, the first request body
// example (unwrapped when the SDK takes the inner object), a PNG Blob for uploads and every query
// parameter's example. A new operation in the spec is called with no change here.
import { parameterExample, requestBodyExample } from '../../scripts/lib/examples.js';
import { expect } from 'vitest';
import { operationRow, successStatus } from '../../scripts/lib/operation-table.js';
import type { Operation } from '../../scripts/lib/spec.js';
import type { Example } from './coverage.js';
import { Page, type Pachca, type RequestOptions } from '../../src/index.js';
import { sdkQueryName } from '../../src/core/names.js';
import { routeOf } from '../../src/core/operation.js';
import { listAllName } from '../../src/core/resources.js';

export type SdkCall = (client: Pachca, options?: RequestOptions) => Promise<unknown>;

/** The smallest valid PNG (1×1), so the avatar uploads carry real image bytes. */
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** The example value of `op`'s parameter `name` (the docs' samples use the same). */
export function exampleOf(op: Operation, name: string): unknown {
  const parameter = op.parameters.find((p) => p.name === name);
  if (!parameter) throw new Error(`${op.operationId} has no parameter ${name}`);
  return parameterExample(op, parameter);
}

export { requestBodyExample as requestExample } from '../../scripts/lib/examples.js';

/** The operation's resource method, called with the spec's examples (and `options` last). */
export function sdkCall(op: Operation): SdkCall {
  return callWith(op, op.operationId, false);
}

/** The `listAll*` twin of a paginated operation: the same arguments without a cursor. */
export function listAllCall(op: Operation): SdkCall {
  return callWith(op, op.operationId, true);
}

function callWith(op: Operation, id: string, all: boolean): SdkCall {
  const row = operationRow(op);
  const [resource, sdkMethod] = row.sdk.split('.') as [string, string];
  const method = all ? listAllName(sdkMethod) : sdkMethod;
  const args: unknown[] = routeOf(row).params.map((name) => exampleOf(op, name));
  if (row.body === 'multipart') args.push(new Blob([PNG], { type: 'image/png' }));
  else if (row.body === 'json') {
    const body = requestBodyExample(op) as Record<string, unknown>;
    args.push(row.bodyKey ? body[row.bodyKey] : body);
  }
  const query = (row.query ?? [])
    .map((wireName) => [sdkQueryName(wireName), wireName] as const)
    .filter(([sdkName]) => !(all && sdkName === 'cursor'));
  if (query.length)
    args.push(Object.fromEntries(query.map(([sdkName, wireName]) => [sdkName, exampleOf(op, wireName)])));
  return (client, options) => {
    const group = (client as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[
      resource
    ];
    const call = group?.[method];
    if (!call) throw new Error(`${id}: the client has no ${resource}.${method}()`);
    return Promise.resolve(call(...args, ...(options ? [options] : [])));
  };
}

/** Whether a page with this meta has a next page, per the API's documented end-of-list rules. */
function expectedHasNext(body: {
  data: unknown[];
  meta: { total?: number; paginate: { has_next?: boolean } };
}): boolean {
  const { total, paginate } = body.meta;
  if (typeof total === 'number') return body.data.length > 0 && body.data.length < total;
  return paginate.has_next === true;
}

/** What the SDK method must resolve with for this example of the success response. */
export function expectResult(op: Operation, example: Example, result: unknown): void {
  if (successStatus(op) === 204) {
    expect(result).toBeUndefined();
    return;
  }
  if (example.value === null) {
    expect(result).toBeNull();
    return;
  }
  const body = example.value as { data: unknown[]; meta: { total?: number; paginate: { has_next?: boolean } } };
  expect(body, `the success response of ${op.operationId} needs named examples`).toBeTypeOf('object');
  if (op['x-paginated']) {
    expect(result).toBeInstanceOf(Page);
    const page = result as Page<unknown>;
    expect(page.data).toEqual(body.data);
    expect(page.meta).toEqual(body.meta);
    expect(page.hasNextPage()).toBe(expectedHasNext(body));
    return;
  }
  expect(result).toEqual(body.data);
}
