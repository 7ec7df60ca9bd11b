// The spec's examples that calls are written from: the docs' code samples (code-samples.ts) and
// the tests' SDK calls (test/support/sdk-calls.ts) both take them from here, so a sample and the
// call a test makes always use the same values.
import type { Operation, Parameter } from './spec.js';

/**
 * The cursor a cursor list's `nextPage` example hands on (`meta.paginate.next_page`). The cursor
 * parameter has no example of its own (the docs' console would send it, and a cursor is valid only
 * for the list it came from), so calls that need one take the spec's own next page.
 */
function nextPageCursor(op: Operation): unknown {
  const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))?.[1] as
    | {
        content?: Record<
          string,
          { examples?: Record<string, { value?: { meta?: { paginate?: { next_page?: unknown } } } }> }
        >;
      }
    | undefined;
  return success?.content?.['application/json']?.examples?.nextPage?.value?.meta?.paginate?.next_page ?? undefined;
}

/** A parameter's example: its own `example`, else its schema's, else (a list's cursor) the spec's next page. */
export function parameterExample(op: Operation, parameter: Parameter): unknown {
  const value =
    (parameter as { example?: unknown }).example ??
    parameter.schema.example ??
    (op['x-paginated'] && parameter.name === 'cursor' ? nextPageCursor(op) : undefined);
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
