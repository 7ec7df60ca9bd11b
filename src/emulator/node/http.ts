// node:http and fetch: a node:http request becomes the fetch Request the engine takes, and the
// engine's Response is written back. The engine itself knows nothing of Node (src/emulator/).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the request; fetch's Request refuses some.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'content-length', // recomputed from the body actually sent on
]);

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The fetch Request for a node:http request whose body has been read. Throws a TypeError for what
 * fetch cannot represent (a method such as CONNECT or TRACE, a header value it refuses).
 */
export function toRequest(incoming: IncomingMessage, body: Uint8Array, origin: string): Request {
  const method = incoming.method ?? 'GET';
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  // Only the path and query of the request line: `//host/x` must not name another origin.
  const url = new URL(origin);
  const target = incoming.url ?? '/';
  const query = target.indexOf('?');
  url.pathname = query === -1 ? target : target.slice(0, query);
  url.search = query === -1 ? '' : target.slice(query);
  return new Request(url, {
    method,
    headers: toHeaders(incoming.headers),
    body: hasBody ? (body as Uint8Array<ArrayBuffer>) : undefined,
  });
}

/** Writes an answer whose body is read; `extra` headers are added (CORS). */
export function writeAnswer(
  to: ServerResponse,
  status: number,
  from: Headers,
  body: Uint8Array,
  extra: Record<string, string> = {},
): void {
  if (to.destroyed) return; // the client went away meanwhile
  const headers: Record<string, string> = { ...extra };
  from.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  headers['content-length'] = String(body.byteLength);
  to.writeHead(status, headers);
  to.end(body);
}
