// CORS for every path, API and control alike: a page on another origin (the published docs, `npm
// start`'s docs port, a frontend's dev server) calls the emulator with its token and reads the
// headers a client needs.
import type { IncomingMessage } from 'node:http';

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
// A wildcard does not expose headers to a request with credentials: they are named.
const EXPOSED = 'x-request-id, retry-after, allow, content-type, content-length';

/** The headers every answer carries. */
export function corsHeaders(incoming: IncomingMessage): Record<string, string> {
  const origin = incoming.headers.origin;
  return origin
    ? {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': EXPOSED,
        vary: 'origin',
      }
    : { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED };
}

/** A browser's preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export const isPreflight = (incoming: IncomingMessage): boolean =>
  incoming.method === 'OPTIONS' && !!incoming.headers.origin && !!incoming.headers['access-control-request-method'];

/**
 * The headers of the 204 that answers a preflight: whatever method and headers it asks for. A page
 * on a public site (the published docs) calling 127.0.0.1 asks Chromium's Private Network Access
 * permission too (`Access-Control-Request-Private-Network`), which the emulator, a local tool, gives.
 */
export function preflightHeaders(incoming: IncomingMessage): Record<string, string> {
  const asked = incoming.headers['access-control-request-headers'];
  const privateNetwork = incoming.headers['access-control-request-private-network'] === 'true';
  return {
    ...corsHeaders(incoming),
    ...(privateNetwork && { 'access-control-allow-private-network': 'true' }),
    'access-control-allow-methods': METHODS,
    'access-control-allow-headers': asked?.trim() ? asked : 'authorization, content-type',
    'access-control-max-age': '600',
    vary: 'origin, access-control-request-method, access-control-request-headers',
    'content-length': '0',
  };
}
