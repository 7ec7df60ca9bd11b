// One generic call for every operation, driven by its row in the operation table: check the
// input and shape it for openapi-fetch, then turn the answer into the result or a typed error.
import { PachcaInputError, PachcaInvalidResponseError, apiErrorFor } from './errors.js';
import { jsonOrText } from './json.js';
import { pathParams, sdkQueryName } from './names.js';
import type { UploadInput } from './types.js';

/**
 * A row of generated/operations.ts. The browser bundle carries the table, so a row holds no field
 * the runtime can derive: path parameters are the `{names}` of the route's path, in order; an SDK
 * query name is its wire name without Rails' `[]` (`sdkQueryName`); absent flags are false.
 */
export interface OperationRow {
  /** The method and the path template, e.g. `GET /users/{id}`. */
  route: string;
  /** The resource method, e.g. `users.get`. */
  sdk: string;
  /** The query parameters' wire names. */
  query?: readonly string[];
  success: number;
  body?: 'json' | 'multipart';
  /** The body property that the SDK method takes on its own (`status` of `{status: {...}}`). */
  bodyKey?: string;
  paginated?: true;
  nullable?: true;
}

/** Everything an operation can take, keyed the way the API names it. */
export interface OperationInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: UploadInput;
}

export interface Route {
  method: string;
  /** The path template, e.g. `/users/{id}`. */
  path: string;
  /** The `{names}` of the path, in order (the table leaves them out). */
  params: string[];
}

const routes = new Map<OperationRow, Route>();

/** An operation's method, path and path parameters, parsed once. */
export function routeOf(op: OperationRow): Route {
  let route = routes.get(op);
  if (!route) {
    const [method, path] = op.route.split(' ') as [string, string];
    route = { method, path, params: pathParams(path) };
    routes.set(op, route);
  }
  return route;
}

/** Checks the input against the operation and returns openapi-fetch's `params` and `body`. */
export async function prepareRequest(op: OperationRow, input: OperationInput) {
  for (const name of routeOf(op).params) {
    const id = input.path?.[name];
    if (!Number.isSafeInteger(id) || (id as number) < 0)
      throw new PachcaInputError(`${name} must be an id (an integer >= 0), got ${JSON.stringify(id)}`);
  }

  // Callers may write a query name as the SDK spells it (`names`) or as the wire does (`names[]`).
  const wireNames = op.query ?? [];
  let query: Record<string, unknown> | undefined;
  for (const key in input.query) {
    const wire = wireNames.find((name) => name === key || sdkQueryName(name) === key);
    if (!wire)
      throw new PachcaInputError(
        `Unknown parameter ${key} for ${op.sdk}(); expected ${wireNames.join(', ') || 'none'}`,
      );
    query ??= {};
    query[wire] = input.query[key];
  }

  let body: unknown;
  if ('body' in op && op.body === 'multipart') {
    if (input.file == null) throw new PachcaInputError(`${op.sdk}() needs a file to upload`);
    // Loaded on the first upload: an app that never uploads never downloads this code.
    const { avatarForm } = await import('./uploads.js');
    // Whatever keeps the file from being read (missing, a directory, empty, unreadable) is the
    // caller's input, reported before any request.
    body = await avatarForm(input.file).catch((error: Error) => {
      throw new PachcaInputError(error.message, { cause: error });
    });
  } else if ('body' in op) {
    if (typeof input.body !== 'object' || !input.body)
      throw new PachcaInputError(`${op.sdk}() needs a request body object`);
    body = op.bodyKey !== undefined ? { [op.bodyKey]: input.body } : input.body;
  }
  return { params: { path: input.path, query }, body };
}

/** What openapi-fetch resolves with when asked for text (`parseAs: 'text'`). */
export interface TextResult {
  data?: string;
  /** The error body: parsed JSON, else the raw text. */
  error?: unknown;
  response: Response;
}

/**
 * Turns the answer into the method's result, or throws the matching typed error. `urlOf` names
 * the request in errors; it is only called for one.
 */
export function readResult(
  op: OperationRow,
  urlOf: () => string,
  { data: text = '', error, response }: TextResult,
): unknown {
  const { status, headers } = response;
  const { method } = routeOf(op);
  if (!response.ok)
    throw apiErrorFor({ status, method, url: urlOf(), headers, body: error === undefined ? '' : error });
  if (op.success === 204) return undefined;

  // Not JSON (an HTML page, an empty body): the raw text stays, and has no `data`.
  const body = jsonOrText(text);
  if (body === null && 'nullable' in op) return null;
  const data = (body as { data?: unknown } | null)?.data;
  if (data === undefined || ('paginated' in op && !Array.isArray(data))) {
    const expected = 'paginated' in op ? 'a `data` array' : '`data`';
    throw new PachcaInvalidResponseError(`${status} ${method} ${urlOf()} — expected JSON with ${expected}`, {
      status,
      requestId: headers.get('x-request-id') ?? undefined,
      bodyText: text.slice(0, 500),
    });
  }
  return 'paginated' in op ? body : data;
}
