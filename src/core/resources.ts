// Builds `client.users.get(…)` and friends from the generated operation table: no method is
// written out by hand. Arguments are positional in a fixed order: path parameters, then the body
// (or upload file), then the query object, then per-call options.
import { operations, type OperationId } from '../../generated/operations.js';
import type { Resources } from '../../generated/resources.js';
import type { OperationInput } from './operation.js';
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
function readArguments(operationId: OperationId, args: unknown[]): [OperationInput, ListAllOptions | undefined] {
  const op = operations[operationId];
  let next = 0;
  const input: OperationInput = {};
  if (op.pathParams.length) input.path = Object.fromEntries(op.pathParams.map((name) => [name, args[next++]]));
  if ('body' in op) {
    if (op.body === 'multipart') input.file = args[next++] as OperationInput['file'];
    else input.body = args[next++];
  }
  if (Object.keys(op.query).length) input.query = args[next++] as OperationInput['query'];
  return [input, args[next] as ListAllOptions | undefined];
}

export function buildResources(client: Caller): Resources {
  const resources: Record<string, Record<string, Method>> = {};
  for (const operationId of Object.keys(operations) as OperationId[]) {
    const op = operations[operationId];
    const [resource, method] = op.sdk.split('.') as [string, string];
    const group = (resources[resource] ??= {});
    group[method] = (...args) => client.request(operationId, ...readArguments(operationId, args));
    if ('paginated' in op) {
      group[listAllName(method)] = (...args) =>
        (client.request(operationId, ...readArguments(operationId, args)) as PagePromise<unknown>).all();
    }
  }
  return resources as unknown as Resources;
}
