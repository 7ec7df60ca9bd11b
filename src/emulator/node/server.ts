// The emulator as one Node process: a node:http server in front of the engine, with the spec
// checked in-process (spec-check.ts). Each request: CORS, the body read within the one size
// limit, the engine's answer (which checks the request against the spec), that answer checked
// against the spec before it is sent (a violation is logged and kept in the journal), and, with
// --state, the write made durable before it is acknowledged. Nothing a client sends stops it: an
// exchange that fails answers 500 in the API's shape and the server goes on serving.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, createEmulator } from '../index.js';
import { bodyTooLarge } from '../limits.js';
import { apiError } from '../responses.js';
import { matchRoute } from '../router.js';
import type { Emulator, EmulatorOptions } from '../types.js';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.js';
import { toRequest, writeAnswer } from './http.js';
import { readBody } from './read-body.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './port.js';
import { compileSpecCheck, type OpenApiDocument, type SpecCheck } from './spec-check.js';
import { openStateStore, type StateStore } from './state-store.js';
import { UserFacingError } from './user-facing-error.js';

export { DEFAULT_HOST, DEFAULT_PORT };

export interface EmulatorServerOptions {
  /** 0 for any free port. */
  port?: number;
  host?: string;
  /** The bundled spec (dist/spec/openapi.json in the package). */
  spec: OpenApiDocument;
  engine?: Omit<EmulatorOptions, 'publicOrigin' | 'checkRequest'>;
  /** Makes the engine from its options (tests wrap one to make it misbehave). */
  emulator?: (options: EmulatorOptions) => Emulator;
  /** `--state FILE`. */
  stateFile?: string;
  log?: (line: string) => void;
}

export interface EmulatorServer {
  url: string;
  emulator: Emulator;
  /** How long the engine took to seed its workspace. */
  seededInMs: number;
  /** Resolves once every change so far is durable in the --state file (its snapshot or journal). */
  flushState(): Promise<void>;
  /** Stops taking requests, then closes the state file. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UserFacingError(`port ${port} on ${host} is already in use; free it or choose another with --port`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The one shutdown of a server: no new exchanges, open ones ended, then the state file closed. */
export async function stopServing(server: Server, state: StateStore | undefined): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Exchanges in flight end with their answer; what still hangs after a moment is cut.
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
  await state?.close();
}

const isWrite = (method: string, status: number) => method !== 'GET' && method !== 'HEAD' && status < 300;

export async function startEmulatorServer({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  spec,
  engine = {},
  emulator: makeEmulator = createEmulator,
  stateFile,
  log = console.log,
}: EmulatorServerOptions): Promise<EmulatorServer> {
  const check = compileSpecCheck(spec);
  // Listening first: the URL (with the port the OS chose) is the origin of the avatars' image_url.
  let serve: ((incoming: IncomingMessage, outgoing: ServerResponse) => void) | undefined;
  const server = createServer({ keepAliveTimeout: 60_000 }, (incoming, outgoing) => {
    if (serve) return serve(incoming, outgoing);
    outgoing.writeHead(503, { 'retry-after': '1', 'content-length': '0' }).end(); // still seeding
  });
  // A request the HTTP parser refuses (a request line or headers past Node's 16 KB, a malformed
  // line): an answer in the API's shape on that connection, which then closes; a broken socket just
  // closes. Nothing else is affected.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const message = tooLarge
      ? 'The request line and headers are larger than 16 KB'
      : `cannot be parsed (${error.code})`;
    const body = JSON.stringify({
      errors: [{ key: 'request', value: null, message, code: 'invalid', payload: null }],
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `content-type: application/json\r\nx-request-id: ${randomUUID()}\r\nconnection: close\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  const bound = await listen(server, port, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

  let state: StateStore | undefined;
  try {
    const started = performance.now();
    const emulator = makeEmulator({ ...engine, publicOrigin: url, checkRequest: check.checkRequest });
    const seededInMs = performance.now() - started;
    state = stateFile ? await openStateStore(emulator, stateFile, log) : undefined;
    serve = listener({ emulator, check, state, origin: url, log });
    const saved = state;
    return {
      url,
      emulator,
      seededInMs,
      flushState: () => saved?.flush() ?? Promise.resolve(),
      stop: () => stopServing(server, saved),
    };
  } catch (error) {
    await stopServing(server, state);
    throw error;
  }
}

interface ListenerParts {
  emulator: Emulator;
  check: SpecCheck;
  state: StateStore | undefined;
  origin: string;
  log: (line: string) => void;
}

function listener({ emulator, check, state, origin, log }: ListenerParts) {
  /** Checks an API answer against the spec: each violation is logged and kept in the journal. */
  const report = (method: string, path: string, response: Response, body: Uint8Array) => {
    const found = matchRoute(method, path);
    if (!found || !('route' in found)) return; // 404 and 405: the answer of no operation
    const { operationId } = found.route;
    const text = new TextDecoder().decode(body);
    const violations = check.checkResponse(operationId, response.status, response.headers.get('content-type'), text);
    if (violations.length === 0) return;
    const requestId = response.headers.get('x-request-id');
    if (requestId) emulator.journal.annotate(requestId, violations);
    for (const v of violations) {
      log(
        `spec violation: ${operationId} (${method} ${path} → ${response.status}, request ${requestId}) at ${v.location.join('.')}: ${v.message}`,
      );
    }
  };

  async function exchange(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const cors = corsHeaders(incoming);
    if (isPreflight(incoming)) return void outgoing.writeHead(204, preflightHeaders(incoming)).end();
    const method = incoming.method ?? 'GET';
    const body = await readBody(incoming);
    let response: Response;
    let request: Request | undefined;
    try {
      request = body === undefined ? undefined : toRequest(incoming, body, origin);
    } catch (error) {
      // What fetch cannot carry (a CONNECT or TRACE, a header value it refuses) is not the API's either.
      response = apiError(400, 'request', null, `cannot be read: ${(error as Error).message}`, 'invalid');
    }
    response ??= request ? await emulator.handle(request) : bodyTooLarge();
    if (!response.headers.has('x-request-id')) response.headers.set('x-request-id', randomUUID());
    const answer = new Uint8Array(await response.arrayBuffer());
    const path = request ? new URL(request.url).pathname : '';
    if (request && !path.startsWith(CONTROL_PREFIX)) report(method, path, response, answer);
    if (response.status >= 500 && !outgoing.destroyed) {
      const said = new TextDecoder().decode(answer.subarray(0, 300));
      log(
        `emulator: ${method} ${path} answered ${response.status} (request ${response.headers.get('x-request-id')}): ${said}`,
      );
    }
    // A write is acknowledged only once it is in the --state file.
    if (state && isWrite(method, response.status)) await state.flush();
    writeAnswer(outgoing, response.status, response.headers, answer, cors);
  }

  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    // A client that goes away mid-exchange: its sockets' errors are that exchange's end, not ours.
    incoming.on('error', () => undefined);
    outgoing.on('error', () => undefined);
    exchange(incoming, outgoing).catch((error: unknown) => {
      const requestId = randomUUID();
      log(
        `emulator: ${incoming.method} ${incoming.url} failed (request ${requestId}): ${(error as Error).stack ?? error}`,
      );
      if (outgoing.headersSent || outgoing.destroyed) return void outgoing.destroy();
      const failed = apiError(500, 'base', null, `The emulator failed: ${(error as Error).message}`, 'internal_error');
      failed.headers.set('x-request-id', requestId);
      void failed
        .arrayBuffer()
        .then((bytes) => writeAnswer(outgoing, 500, failed.headers, new Uint8Array(bytes), corsHeaders(incoming)));
    });
  };
}
