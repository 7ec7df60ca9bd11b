// The control endpoints for tests, under /__emulator/ on the API's origin: reset, state export and
// import, the request journal, faults, the clock, the outbox and the avatars (uploaded and seeded).
import { FaultError } from './faults.js';
import { apiError, json } from './responses.js';
import { seededAvatar } from './seeded-avatars.js';
import { EmulatorStateError } from './state-document.js';
import type { Emulator, Fault, FaultMatch } from './types.js';
import { AVATAR_PATH, type Workspace } from './workspace.js';

export const CONTROL_PREFIX = '/__emulator/';
const AVATARS = AVATAR_PATH.slice(CONTROL_PREFIX.length);

const badRequest = (key: string, value: unknown, message: string) => apiError(400, key, value, message, 'invalid');

async function jsonBody(request: Request): Promise<{ value: unknown } | Response> {
  try {
    return { value: JSON.parse(await request.text()) };
  } catch (error) {
    return badRequest('body', null, `must be JSON (${(error as Error).message})`);
  }
}

/** The fault of a POST /__emulator/faults body: `{operationId | method+path, status | delayMs, retryAfter?, times?}`. */
function faultOf(body: Record<string, unknown>): [FaultMatch, Fault] {
  const { operationId, method, path, status, delayMs, retryAfter, times } = body;
  const match = (operationId !== undefined ? { operationId } : { method, path }) as FaultMatch;
  const fault = (status !== undefined ? { status, retryAfter, times } : { delayMs, times }) as Fault;
  for (const key of ['retryAfter', 'times'] as const) {
    if ((fault as Record<string, unknown>)[key] === undefined) delete (fault as Record<string, unknown>)[key];
  }
  return [match, fault];
}

type Route = (emulator: Emulator, request: Request, workspace: () => Workspace) => Promise<Response> | Response;

const ROUTES: Record<string, Record<string, Route>> = {
  reset: {
    POST: (emulator) => {
      emulator.reset();
      return new Response(null, { status: 204 });
    },
  },
  state: {
    GET: (emulator) => json(200, emulator.exportState()),
    PUT: async (emulator, request) => {
      const body = await jsonBody(request);
      if (body instanceof Response) return body;
      try {
        emulator.importState(body.value);
      } catch (error) {
        if (error instanceof EmulatorStateError) return badRequest('state', null, error.message);
        throw error;
      }
      return new Response(null, { status: 204 });
    },
  },
  requests: { GET: (emulator) => json(200, { data: emulator.journal.list() }) },
  faults: {
    GET: (emulator) => json(200, { data: emulator.faults.list() }),
    POST: async (emulator, request) => {
      const body = await jsonBody(request);
      if (body instanceof Response) return body;
      if (typeof body.value !== 'object' || body.value === null)
        return badRequest('body', null, 'must be a JSON object');
      try {
        const [match, fault] = faultOf(body.value as Record<string, unknown>);
        emulator.faults.next(match, fault);
        return json(201, { data: { match, fault } });
      } catch (error) {
        if (error instanceof FaultError) return badRequest(error.key, error.value ?? null, error.message);
        throw error;
      }
    },
    DELETE: (emulator) => {
      emulator.faults.clear();
      return new Response(null, { status: 204 });
    },
  },
  clock: {
    GET: (emulator) => json(200, { now: new Date(emulator.clock.now()).toISOString() }),
    POST: async (emulator, request) => {
      const body = await jsonBody(request);
      if (body instanceof Response) return body;
      const now = (body.value as { now?: unknown } | null)?.now;
      if (now !== null && typeof now !== 'string') return badRequest('now', now, 'must be an ISO date-time or null');
      try {
        emulator.clock.set(now);
      } catch (error) {
        return badRequest('now', now, (error as Error).message);
      }
      return json(200, { now: new Date(emulator.clock.now()).toISOString() });
    },
  },
  outbox: { GET: (emulator) => json(200, { data: emulator.outbox.list() }) },
};

function avatar(workspace: Workspace, file: string): Response {
  const found = workspace.avatars.get(file) ?? seededAvatar(workspace, file);
  if (!found) return apiError(404, 'file', file, 'No avatar has this name', 'not_found');
  return new Response(new Blob([found.bytes as Uint8Array<ArrayBuffer>]), {
    status: 200,
    headers: { 'content-type': found.contentType },
  });
}

/** The answer of a control path (the part after /__emulator/). */
export async function controlResponse(
  emulator: Emulator,
  request: Request,
  path: string,
  workspace: () => Workspace,
): Promise<Response> {
  const method = request.method.toUpperCase();
  if (path.startsWith(AVATARS) && method === 'GET') return avatar(workspace(), path.slice(AVATARS.length));
  const methods = ROUTES[path];
  if (!methods) {
    return apiError(404, 'path', path, `Control paths: ${Object.keys(ROUTES).join(', ')}, avatars/<file>`, 'not_found');
  }
  const route = methods[method];
  if (!route) {
    const response = apiError(
      405,
      'method',
      method,
      `${CONTROL_PREFIX}${path} takes ${Object.keys(methods).join(', ')}`,
      'invalid',
    );
    response.headers.set('allow', Object.keys(methods).join(', '));
    return response;
  }
  return route(emulator, request, workspace);
}
