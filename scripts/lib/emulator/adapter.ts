// The Node adapter of the emulator engine: node:http requests in, engine.handle(Request), its
// Response written back. The engine itself knows nothing of Node (src/emulator/).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../../../src/emulator/index.js';
import { apiError } from '../../../src/emulator/responses.js';
import { BodyTooLargeError, readBody, sendTooLarge } from './body.js';
import { EXCHANGE_HEADER, type Exchanges } from './exchanges.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the request; fetch's Request refuses some.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** The fetch Request for a node:http request whose body has been read. */
export function toRequest(incoming: IncomingMessage, body: Buffer, origin: string): Request {
  const method = incoming.method ?? 'GET';
  const headers = toHeaders(incoming.headers);
  headers.delete('content-length'); // recomputed from the body the engine actually gets
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

/** Writes a fetch Response to a node:http response; `extra` headers are added (e.g. CORS). */
export async function writeResponse(
  from: Response,
  to: ServerResponse,
  extra: Record<string, string> = {},
): Promise<void> {
  const body = Buffer.from(await from.arrayBuffer());
  const headers: Record<string, string> = { ...extra };
  from.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  to.writeHead(from.status, headers);
  to.end(body);
}

export interface EngineServing {
  origin: string;
  exchanges?: Exchanges;
  /** Headers put on every answer. */
  extra?: Record<string, string>;
  /** Resolves once every change so far is durable (`--state`): a write is answered only after it. */
  saved?: () => Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Serves one node:http request with the engine; `extra` headers go on the answer. */
export async function serveWithEngine(
  emulator: Emulator,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  { origin, exchanges, extra = {}, saved }: EngineServing,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(incoming);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendTooLarge(outgoing, extra);
    throw error;
  }
  const exchange = incoming.headers[EXCHANGE_HEADER];
  const id = typeof exchange === 'string' ? exchange : undefined;
  // A multipart upload came through Prism as text; the front kept its bytes.
  const raw = id ? exchanges?.takeBody(id) : undefined;
  let response = await emulator.handle(toRequest(incoming, raw ?? body, origin));
  if (saved && !SAFE_METHODS.has(incoming.method ?? 'GET')) {
    try {
      await saved();
    } catch (error) {
      const failed = apiError(
        500,
        'state',
        null,
        `The change was made but not saved: ${(error as Error).message}`,
        'internal_error',
      );
      failed.headers.set('x-request-id', response.headers.get('x-request-id') ?? '');
      response = failed;
    }
  }
  const requestId = response.headers.get('x-request-id');
  if (id && requestId) exchanges?.recordRequestId(id, requestId);
  await writeResponse(response, outgoing, extra);
}

/** A node:http request listener that serves everything with the engine (Prism's upstream). */
export function engineListener(emulator: Emulator, options: EngineServing) {
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    serveWithEngine(emulator, incoming, outgoing, options).catch((error: unknown) => {
      // handle() never throws; this is a broken socket or a bug in the adapter.
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
      outgoing.end(`emulator adapter: ${(error as Error).message}`);
    });
  };
}
