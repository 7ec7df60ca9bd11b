// One MSW handler, built from the operation's row of the generated table: it checks a request the
// way the Prism mock does (the Bearer token, then the body) and answers the chosen response.
import { delay, http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { defaultBaseUrl, everyOperationResponses, mswOperations } from '../../generated/msw.js';
import { PATH_PARAM } from '../core/names.js';
import { jsonOrText } from '../core/json.js';
import type { MockedOperationId } from './types.js';
import type { DeclaredResponse, MswRow } from './row.js';
import { bodyErrors } from './validate.js';

const table: Readonly<Record<MockedOperationId, MswRow>> = mswOperations;

/** What a handler answers; every field is optional (the default handler takes none). */
export interface Answer {
  status?: number;
  example?: string;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  baseUrl?: string;
}

const BEARER = /^Bearer \S/;

function reply(status: number, body: unknown, headers: Readonly<Record<string, string>>): Response {
  if (body === undefined) return new HttpResponse(null, { status, headers });
  return HttpResponse.json(body as JsonBodyType, { status, headers });
}

/** What every operation may answer besides its own responses: the API documents them once, for all. */
const everyOperation: Readonly<Record<number, DeclaredResponse>> = everyOperationResponses;

/** The row's response for `status`, or one every operation has; `name` (the operation) is for the error. */
function responseOf(name: string, row: MswRow, status: number): DeclaredResponse {
  const response = row.responses[status] ?? everyOperation[status];
  if (!response) {
    const statuses = [...Object.keys(row.responses), ...Object.keys(everyOperation)].join(', ');
    throw new TypeError(`${name} has no ${status} response; the API documents ${statuses}`);
  }
  return response;
}

/** A declared response of `row`, answered with its first example. */
function declared(row: MswRow, status: number): Response {
  const { headers, examples = {} } = responseOf(row.route, row, status);
  return reply(status, Object.values(examples)[0], headers);
}

/** The body as the check reads it: parsed JSON (the raw text if it is not JSON) or the form's fields. */
async function bodyOf(row: MswRow, request: Request): Promise<unknown> {
  if (row.multipart)
    return request.formData().then(
      (form) => Object.fromEntries(form),
      () => undefined,
    );
  return jsonOrText(await request.text());
}

/** The Prism mock's answers to a request it refuses: 401 without a token, 422 for a bad body. */
async function refusal(row: MswRow, request: Request): Promise<Response | undefined> {
  if (row.auth && !BEARER.test(request.headers.get('authorization') ?? '')) return declared(row, 401);
  const check = row.json ?? row.multipart;
  if (!check) return undefined;
  const errors = bodyErrors(check, await bodyOf(row, request));
  return errors.length ? reply(422, { errors }, responseOf(row.route, row, 422).headers) : undefined;
}

/** Checks the answer against the spec, so a mistake in plain JavaScript fails at once and clearly. */
function chosenBody(id: MockedOperationId, response: DeclaredResponse, status: number, answer: Answer): unknown {
  if (answer.body !== undefined && answer.example !== undefined)
    throw new TypeError(`${id}: pass example or body, not both`);
  if (answer.body !== undefined && status === 204) throw new TypeError(`${id} answers 204, which has no body`);
  if (answer.body !== undefined) return answer.body;
  const examples = response.examples ?? {};
  const name = answer.example ?? Object.keys(examples)[0];
  if (name !== undefined && !(name in examples)) {
    const known = Object.keys(examples).join(', ') || 'none';
    throw new TypeError(`${id} ${status} has no example "${name}"; its examples: ${known}`);
  }
  return name === undefined ? undefined : examples[name];
}

export function createHandler(id: MockedOperationId, answer: Answer = {}): HttpHandler {
  const row = table[id];
  if (!row) throw new TypeError(`Unknown operation ${id}`);
  const status = answer.status ?? row.success;
  const response = responseOf(id, row, status);
  const body = chosenBody(id, response, status, answer);
  const headers = { ...response.headers, ...answer.headers };
  const [method, path] = row.route.split(' ') as [string, string];
  const url = (answer.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '') + path.replace(PATH_PARAM, ':$1');
  return http[method.toLowerCase() as 'get'](url, async ({ request }) => {
    if (answer.delayMs) await delay(answer.delayMs);
    return (await refusal(row, request)) ?? reply(status, body, headers);
  });
}
