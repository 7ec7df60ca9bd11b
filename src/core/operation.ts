// One generic call for every operation, driven by its row in the operation table: check the
// input, send it through openapi-fetch, turn failures into typed errors, unwrap `data`.
import type { operations } from '../../generated/operations.js';
import { PachcaInputError, PachcaInvalidResponseError, apiErrorFor } from './errors.js';
import type { UploadInput } from './types.js';
import { avatarForm } from './uploads.js';

export type OperationRow = (typeof operations)[keyof typeof operations];

/** Everything an operation can take, keyed the way the API names it. */
export interface OperationInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: UploadInput;
}

/** What openapi-fetch needs to send the request. */
export interface PreparedRequest {
  path: Record<string, number>;
  query: Record<string, unknown>;
  body: unknown;
  /** The path with its parameters filled in, for error messages. */
  resolvedPath: string;
}

function toId(name: string, value: unknown): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new PachcaInputError(`\`${name}\` must be a non-negative integer id, got ${JSON.stringify(value)}`);
  }
  return id;
}

export async function prepareRequest(op: OperationRow, input: OperationInput): Promise<PreparedRequest> {
  const path = Object.fromEntries(op.pathParams.map((name) => [name, toId(name, input.path?.[name])]));
  const resolvedPath = op.path.replace(/\{(\w+)\}/g, (_, name: string) => String(path[name]));

  const query: Record<string, unknown> = {};
  const wireNames: Record<string, string> = op.query;
  for (const [key, value] of Object.entries(input.query ?? {})) {
    const wire = wireNames[key] ?? (Object.values(wireNames).includes(key) ? key : undefined);
    if (!wire) {
      const known = Object.keys(wireNames);
      throw new PachcaInputError(
        `Unknown parameter \`${key}\` for ${op.sdk}(); expected ${known.length ? known.join(', ') : 'none'}`,
      );
    }
    if (value !== undefined) query[wire] = value;
  }

  let body: unknown;
  if ('body' in op && op.body === 'multipart') {
    if (input.file === undefined || input.file === null) throw new PachcaInputError(`${op.sdk}() needs a file to upload`);
    body = await avatarForm(input.file);
  } else if ('body' in op) {
    if (input.body === null || typeof input.body !== 'object') {
      const what = 'bodyKey' in op ? `a \`${op.bodyKey}\` object` : 'a request body object';
      throw new PachcaInputError(`${op.sdk}() needs ${what}`);
    }
    body = 'bodyKey' in op ? { [op.bodyKey]: input.body } : input.body;
  }
  return { path, query, body, resolvedPath };
}

/** Turns a finished response into the method's result, or throws the matching typed error. */
export function readResult(op: OperationRow, response: Response, text: string | undefined, url: string): unknown {
  const base = { status: response.status, method: op.method, url, headers: response.headers };
  if (!response.ok) {
    let body: unknown = text ?? '';
    try {
      body = JSON.parse(text ?? '');
    } catch {
      // Not JSON (an HTML error page, an empty body): keep the raw text.
    }
    throw apiErrorFor({ ...base, body });
  }
  if (op.success === 204) return undefined;

  const invalid = (why: string) =>
    new PachcaInvalidResponseError(
      `${response.status} ${op.method} ${url} — ${why}`,
      response.status,
      response.headers.get('x-request-id') ?? undefined,
      (text ?? '').slice(0, 500),
    );
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    throw invalid('the response body is not valid JSON');
  }
  if (body === null && 'nullable' in op) return null;
  if (typeof body !== 'object' || body === null || !('data' in body)) throw invalid('the response has no `data`');
  if ('paginated' in op) {
    if (!Array.isArray(body.data)) throw invalid('`data` of a list is not an array');
    return body;
  }
  return body.data;
}
