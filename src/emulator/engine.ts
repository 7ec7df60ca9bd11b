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
import { apiError, apiErrors } from './responses.js';
import { exampleAnswer, matchRoute, ROUTES, type OperationRoute } from './router.js';
import { DEFAULT_USERS, MAX_USERS, seedWorkspace } from './seed.js';
import { checkState } from './state-document.js';
import type { Emulator, EmulatorOptions, Invitation, JournalEntry, WorkspaceChange } from './types.js';
import { displayName } from './views.js';
import { Workspace } from './workspace.js';

/** Past these the body is refused unread: an avatar is at most 2 MB, a JSON body is a few KB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_JSON_BYTES = 1024 * 1024;

type Body = { value: unknown } | Response;

const isJson = (request: Request) =>
  /^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers.get('content-type') ?? '');

/** The request body as the handler reads it, or the 4xx for a body that cannot be read. */
async function readBody(route: OperationRoute, request: Request): Promise<Body> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return apiError(422, 'body', null, 'is too large (at most 4 MB)', 'too_long');
  if (route.multipart) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return apiError(400, 'body', null, 'must be multipart/form-data with an image part', 'invalid');
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
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) return apiError(422, 'body', null, 'is too large (at most 1 MB)', 'too_long');
  if (!isJson(request)) {
    return apiError(
      400,
      'body',
      request.headers.get('content-type'),
      'Content-Type must be application/json',
      'invalid',
    );
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return apiError(400, 'body', text.slice(0, 100), `is not valid JSON (${(error as Error).message})`, 'invalid');
  }
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
      const errors = bodyErrors(check, read.value);
      if (errors.length) return apiErrors(422, errors);
      body = read.value;
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
