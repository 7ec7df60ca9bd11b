// The emulator: one request in, one response out, over a workspace in memory. Each request goes
// through the same steps: route (from the generated table), faults, rate limit, token and scope,
// the body's shape (the same check as pachca-sdk/msw), then the operation's handler. Only the body
// read and a delay fault wait; a handler runs to the end with no other request in between.
import { bodyErrors } from '../msw/validate.js';
import { authenticate, bearerToken, scopeRefusal, type Caller } from './access.js';
import { Clock } from './clock.js';
import type { Context, Handler, UploadedFile } from './context.js';
import { controlResponse, CONTROL_PREFIX } from './control.js';
import { Faults, faultResponse } from './faults.js';
import { Journal } from './journal.js';
import { RateLimit } from './rate-limit.js';
import { bodyTooLarge, MAX_BODY_BYTES, MAX_JSON_DEPTH, nestedDeeperThan } from './limits.js';
import { isJsonType, parseMediaType } from './media-type.js';
import { apiError, apiErrors } from './responses.js';
import { exampleAnswer, matchRoute, ROUTES, type OperationRoute } from './router.js';
import { DEFAULT_USERS, MAX_USERS, seedWorkspace } from './seed.js';
import { checkState } from './state-document.js';
import type { Emulator, EmulatorOptions, Invitation, JournalEntry, WorkspaceChange } from './types.js';
import { displayName } from './views.js';
import { Workspace } from './workspace.js';

type Body = { value: unknown } | Response;

/**
 * A body that cannot be read: 400, as the API answers it, or 422 for an operation whose documented
 * answers have no 400 (the avatar uploads).
 */
const unreadable = (route: OperationRoute, key: string, value: unknown, message: string) =>
  apiError(route.responses[400] ? 400 : 422, key, value, message, 'invalid');

/** The request's bytes, or the 413 past MAX_BODY_BYTES (refused unread when Content-Length says so). */
async function bodyBytes(request: Request): Promise<Uint8Array | Response> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return bodyTooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > MAX_BODY_BYTES ? bodyTooLarge() : bytes;
}

async function readForm(route: OperationRoute, bytes: Uint8Array, contentType: string): Promise<Body> {
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    return unreadable(route, 'body', null, 'must be multipart/form-data with an image part');
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    fields[name] =
      typeof value === 'string'
        ? value
        : ({
            bytes: new Uint8Array(await value.arrayBuffer()),
            type: value.type,
            name: value.name,
          } satisfies UploadedFile);
  }
  return { value: fields };
}

function readJson(route: OperationRoute, bytes: Uint8Array): Body {
  const text = new TextDecoder().decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return unreadable(route, 'body', text, `is not valid JSON (${(error as Error).message})`);
  }
  if (nestedDeeperThan(text)) return unreadable(route, 'body', null, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  return { value };
}

/** The request body as the handler reads it, or the 4xx for a body that cannot be read. */
async function readBody(route: OperationRoute, request: Request): Promise<Body> {
  const header = request.headers.get('content-type');
  const type = parseMediaType(header);
  const expected = route.multipart ? 'multipart/form-data with a boundary' : 'application/json';
  const fits = route.multipart
    ? type?.essence === 'multipart/form-data' && !!type.parameters.boundary
    : isJsonType(type);
  // The size first: a 5 MB body with the wrong type is still a 5 MB body.
  const bytes = await bodyBytes(request);
  if (bytes instanceof Response) return bytes;
  if (!fits) return unreadable(route, 'content-type', header, `must be ${expected}`);
  return route.multipart ? readForm(route, bytes, header ?? '') : readJson(route, bytes);
}

export interface EngineParts {
  /** Handlers by operationId; the default is every handler of src/emulator/handlers. */
  handlers: Readonly<Record<string, Handler>>;
}

function checkOptions(options: EmulatorOptions): Required<Pick<EmulatorOptions, 'users' | 'seed' | 'basePath'>> {
  const { users = DEFAULT_USERS, seed = 1, basePath = '' } = options;
  if (!Number.isInteger(users) || users < 1 || users > MAX_USERS) {
    throw new RangeError(`users must be a whole number from 1 to ${MAX_USERS}, got ${users}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (basePath && !/^(\/[\w.~-]+)+$/.test(basePath))
    throw new RangeError(`basePath must look like /api/v1, got ${basePath}`);
  if (options.rateLimit !== undefined && !(Number.isInteger(options.rateLimit) && options.rateLimit >= 1)) {
    throw new RangeError(`rateLimit must be a whole number of requests per second ≥ 1, got ${options.rateLimit}`);
  }
  return { users, seed, basePath };
}

export function createEngine(options: EmulatorOptions, parts: EngineParts): Emulator {
  const { users, seed, basePath } = checkOptions(options);
  let workspace = new Workspace(seedWorkspace(seed, users), { copy: false });
  const clock = new Clock();
  const faults = new Faults();
  const journal = new Journal();
  const outbox: Invitation[] = [];
  const rateLimit = options.rateLimit === undefined ? undefined : new RateLimit(options.rateLimit);
  const lastUsed = new Map<string, string>();
  const listeners = new Set<(changes: readonly WorkspaceChange[]) => void>();

  const changed = (changes: readonly WorkspaceChange[]) => {
    for (const listener of listeners) listener(changes);
  };
  const REPLACED: readonly WorkspaceChange[] = [{ kind: 'replaced' }];

  const emulator: Emulator = {
    handle,
    reset() {
      workspace = new Workspace(seedWorkspace(seed, users), { copy: false });
      outbox.length = 0;
      lastUsed.clear();
      changed(REPLACED);
    },
    exportState: () => workspace.toState(),
    importState(document) {
      workspace = new Workspace(checkState(document));
      changed(REPLACED);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    faults: {
      next: (match, fault) => faults.next(match, fault),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    clock: { now: () => clock.now(), set: (value) => clock.set(value) },
    journal: { list: () => journal.list(), annotate: (id, violations) => journal.annotate(id, violations) },
    outbox: { list: () => outbox.map((invitation) => ({ ...invitation })) },
    unimplemented: ROUTES.map((route) => route.operationId).filter((id) => !parts.handlers[id]),
  };

  /** The API's answer to an authorised, routed request. */
  async function serveOperation(
    request: Request,
    url: URL,
    route: OperationRoute,
    params: Record<string, number>,
    caller: Caller,
    requestId: string,
  ): Promise<Response> {
    const refused = scopeRefusal(caller, route.operationId);
    if (refused) return refused;
    let body: unknown;
    const check = route.json ?? route.multipart;
    if (check) {
      const read = await readBody(route, request);
      if (read instanceof Response) return read;
      body = read.value;
    }
    // The spec's own check when one is given (the Node server's), then the table's body check.
    const forbidden = options.checkRequest?.({
      operationId: route.operationId,
      url,
      headers: request.headers,
      params,
      body,
    });
    if (forbidden?.length) return apiErrors(422, forbidden);
    if (check) {
      const errors = bodyErrors(check, body);
      if (errors.length) return apiErrors(422, errors);
    }
    const handler = parts.handlers[route.operationId];
    if (!handler) return exampleAnswer(route);
    // The body read awaited: the caller may have been deleted or suspended meanwhile.
    const current = authenticate(workspace, caller.token);
    if (current instanceof Response) return current;
    const context: Context = {
      workspace,
      operationId: route.operationId,
      params,
      query: url.searchParams,
      body,
      viewer: current.user,
      token: current.token,
      scopes: current.scopes,
      tokenLastUsedAt: lastUsed.get(caller.token) ?? null,
      now: clock.now(),
      requestId,
      publicRoot: `${options.publicOrigin ?? url.origin}${basePath}`,
      invite: (invitation) => outbox.push(invitation),
    };
    const { response, changed: wrote } = handler(context);
    const changes = workspace.takeChanges();
    // A change that records nothing would be lost by a journal's replay: fail loudly instead.
    if (wrote && !changes.length) throw new Error(`${route.operationId} changed the workspace but recorded no record`);
    if (changes.length) changed(changes);
    return response;
  }

  async function serve(request: Request, url: URL, path: string, requestId: string, entry: Partial<JournalEntry>) {
    const method = request.method.toUpperCase();
    const found = matchRoute(method, path);
    if (!found) return apiError(404, 'path', path, `No operation of the API has the path ${path}`, 'not_found');
    if ('allowed' in found) {
      const response = apiError(405, 'method', method, `${path} takes ${found.allowed.join(', ')}`, 'invalid');
      response.headers.set('allow', found.allowed.join(', '));
      return response;
    }
    const { route, params } = found;
    const fault = faults.take(route.operationId, method, path);
    if (fault && 'status' in fault) return faultResponse(fault);
    if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const token = bearerToken(request);
    const limited = rateLimit?.refuse(token ?? '', Date.now());
    if (limited) return limited;
    const caller = authenticate(workspace, token);
    if (caller instanceof Response) return caller;
    entry.user = { id: caller.user.id, name: displayName(caller.user) };
    const response = await serveOperation(request, url, route, params, caller, requestId);
    lastUsed.set(caller.token, new Date(clock.now()).toISOString());
    return response;
  }

  async function handle(request: Request): Promise<Response> {
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const url = new URL(request.url, 'http://emulator.invalid');
    const entry: Partial<JournalEntry> = { user: null };
    let path = url.pathname;
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length) || '/';
    let response: Response;
    try {
      response = path.startsWith(CONTROL_PREFIX)
        ? await controlResponse(emulator, request, path.slice(CONTROL_PREFIX.length), () => workspace)
        : await serve(request, url, path, requestId, entry);
    } catch (error) {
      response = apiError(500, 'base', null, `The emulator failed: ${(error as Error).message}`, 'internal_error');
    }
    response.headers.set('x-request-id', requestId);
    if (!path.startsWith(CONTROL_PREFIX)) {
      journal.add({
        method: request.method.toUpperCase(),
        path: url.pathname + url.search,
        status: response.status,
        user: entry.user ?? null,
        requestId,
        durationMs: Date.now() - started,
        at: new Date(started).toISOString(),
        violations: [],
      });
    }
    return response;
  }

  return emulator;
}
