// The spec's examples that calls are written from: the docs' code samples (code-samples.ts) and
// the tests' SDK calls (test/support/sdk-calls.ts) both take them from here, so a sample and the
// call a test makes always use the same values.
import type { Operation, Parameter } from './spec.js';

/** A parameter's example: its own `example`, else its schema's. */
export function parameterExample(op: Operation, parameter: Parameter): unknown {
  const value = (parameter as { example?: unknown }).example ?? parameter.schema.example;
  if (value === undefined)
    throw new Error(`${op.operationId}: parameter ${parameter.name} has no example (add \`example\` to its schema)`);
  return value;
}

/** The example of the JSON request body: the first named one, else the media type's `example`. */
export function requestBodyExample(op: Operation): unknown {
  const json = op.requestBody?.content['application/json'] as
    | { example?: unknown; examples?: Record<string, { value: unknown }> }
    | undefined;
  const value = json?.examples ? Object.values(json.examples)[0]?.value : json?.example;
  if (value === undefined)
    throw new Error(`${op.operationId}: the request body has no example (add a named one under \`examples\`)`);
  return value;
}
