// Builds `client.users.get(…)` and friends from the generated operation table: no method is
// written out by hand. Arguments are positional in a fixed order: path parameters, then the body
// (or upload file), then the query object, then per-call options.
import { operations, type OperationId } from '../../generated/operations.js';
import type { Resources } from '../../generated/resources.js';
import { routeOf, type OperationInput, type OperationRow } from './operation.js';
import type { PagePromise } from './pagination.js';
import type { ListAllOptions } from './types.js';

/** `list` → `listAll`, `listUsers` → `listAllUsers`. */
export function listAllName(method: string): string {
  return method.replace(/^list/, 'listAll');
}

interface Caller {
  request(operationId: OperationId, input: OperationInput, options?: ListAllOptions): unknown;
}

type Method = (...args: unknown[]) => unknown;

/** Splits positional arguments into the generic operation input and the call options. */
function readArguments(op: OperationRow, args: unknown[]): [OperationInput, ListAllOptions | undefined] {
  const path: Record<string, unknown> = {};
  const input: OperationInput = { path };
  for (const name of routeOf(op).params) path[name] = args.shift();
  if ('body' in op && op.body === 'multipart') input.file = args.shift() as OperationInput['file'];
  else if ('body' in op) input.body = args.shift();
  if ('query' in op) input.query = args.shift() as OperationInput['query'];
  return [input, args[0] as ListAllOptions | undefined];
}

export function buildResources(client: Caller): Resources {
  const resources: Record<string, Record<string, Method>> = {};
  for (const [operationId, op] of Object.entries(operations) as [OperationId, OperationRow][]) {
    const [resource, method] = op.sdk.split('.') as [string, string];
    const call = (args: unknown[]) => client.request(operationId, ...readArguments(op, args));
    const group = resources[resource] ?? {};
    resources[resource] = group;
    group[method] = (...args) => call(args);
    if ('paginated' in op) group[listAllName(method)] = (...args) => (call(args) as PagePromise<unknown>).all();
  }
  return resources as unknown as Resources;
}
