// SDK calls derived from the spec, for the MSW suites: the resource method of the operation table,
// given the spec's examples — path parameter examples, the first request body example (unwrapped
// when the SDK takes the inner object), a PNG Blob for uploads and every query parameter's
// example. A new operation in the spec is called with no change here.
import { tableEntry } from '../../scripts/lib/operation-table.js';
import type { Operation } from '../../scripts/lib/spec.js';
import type { Pachca } from '../../src/index.js';
import { PNG } from '../contract/calls.js';

export type SdkCall = (client: Pachca) => Promise<unknown>;

function exampleOf(op: Operation, name: string): unknown {
  const parameter = op.parameters.find((p) => p.name === name)!;
  const example = parameter.schema.example ?? (parameter as { example?: unknown }).example;
  if (example === undefined) throw new Error(`${op.operationId}: parameter ${name} needs an example`);
  return example;
}

function requestExample(op: Operation): unknown {
  const media = op.requestBody?.content['application/json'] as { examples?: Record<string, { value: unknown }> };
  const first = Object.values(media.examples ?? {})[0];
  if (!first) throw new Error(`${op.operationId}: the JSON request body needs a named example`);
  return first.value;
}

export function sdkCall(op: Operation): SdkCall {
  const entry = tableEntry(op);
  const [resource, method] = entry.sdk.split('.') as [string, string];
  const args: unknown[] = entry.pathParams.map((name) => exampleOf(op, name));
  if (entry.body === 'multipart') args.push(new Blob([PNG], { type: 'image/png' }));
  else if (entry.body === 'json') {
    const body = requestExample(op) as Record<string, unknown>;
    args.push(entry.bodyKey ? body[entry.bodyKey] : body);
  }
  const query = Object.entries(entry.query);
  if (query.length) args.push(Object.fromEntries(query.map(([sdkName, wireName]) => [sdkName, exampleOf(op, wireName)])));
  return (client) => {
    const group = (client as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[resource]!;
    return Promise.resolve(group[method]!(...args));
  };
}
