// The emulator's public origin. Prism's proxy validates every API exchange but, run with
// `--errors` (so a request the spec forbids gets its 422), it answers 404 to paths outside the
// spec instead of forwarding them. So this thin front sends the control paths (/__emulator/…)
// straight to the engine and everything else through Prism, and reads Prism's `sl-violations`
// header on the way back: each violation is logged with its operation and written to the journal.
import { randomUUID } from 'node:crypto';
import {
  request as httpRequest,
  Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { everyOperationStatuses } from '../../../generated/msw.js';
import type { Emulator, Violation } from '../../../src/emulator/index.js';
import { serveWithEngine } from './adapter.js';
import { BodyTooLargeError, readBody, sendApiError, sendTooLarge } from './body.js';
import { EXCHANGE_HEADER, type Exchanges } from './exchanges.js';
import { operationOf } from './operation-of.js';
import { apiShapeOf } from './prism-errors.js';

/** The statuses Prism answers itself, before the emulator (prism-errors.ts). */
const PRISM_OWN_STATUSES = new Set([400, 401, 422]);

export const CONTROL_PREFIX = '/__emulator/';

export interface FrontOptions {
  emulator: Emulator;
  exchanges: Exchanges;
  /** Prism's proxy, e.g. http://127.0.0.1:40123. */
  prismUrl: string;
  /** The front's own URL: the origin the engine sees. */
  publicUrl: string;
  log: (line: string) => void;
  /** With `--state`: resolves once every change so far is durable, awaited before a write's answer. */
  saved?: () => Promise<void>;
}

/** The CORS headers Prism sends (prism-http-server), so control paths answer a browser the same way. */
function corsHeaders(incoming: IncomingMessage): Record<string, string> {
  const h = incoming.headers;
  return {
    'access-control-allow-origin': h.origin ?? '*',
    'access-control-allow-headers': h['access-control-request-headers'] ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': '*',
  };
}

/**
 * Prism decodes a multipart body as UTF-8 text before forwarding it, which mangles the file's
 * bytes. It gets a copy with every non-ASCII byte masked (same length, same parts, so it still
 * validates the form), and the adapter swaps the real bytes back in.
 */
function maskBinary(body: Buffer): Buffer {
  return Buffer.from(body.map((byte) => (byte > 0x7f ? 0x3f : byte))); // '?'
}

function parseViolations(header: string | string[] | undefined): Violation[] {
  if (typeof header !== 'string') return [];
  try {
    return JSON.parse(header) as Violation[];
  } catch {
    // Prism cuts a header past 8 KB and prefixes "Too many violations!": keep it as one.
    return [{ location: ['response'], severity: 'Error', message: header }];
  }
}

// The spec documents 429 (with Retry-After) and 5xx for every operation in its description, not
// in each operation's responses, so Prism warns that it cannot match them. The emulator sends them
// on purpose (faults, --rate-limit): that one warning is not a violation.
const DOCUMENTED_FOR_ALL = new Set<number>(everyOperationStatuses);
const UNLISTED_STATUS = /^Unable to match the returned status code/;

function realViolations(status: number, violations: Violation[]): Violation[] {
  if (!DOCUMENTED_FOR_ALL.has(status)) return violations;
  return violations.filter((v) => !UNLISTED_STATUS.test(v.message));
}

export function frontListener({ emulator, exchanges, prismUrl, publicUrl, log, saved }: FrontOptions) {
  const prism = new URL(prismUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const report = (method: string, path: string, status: number, violations: Violation[]) => {
    const operation = operationOf(method, path) ?? 'no operation';
    for (const v of violations) {
      log(`spec violation: ${operation} (${method} ${path} → ${status}) at ${v.location.join('.')}: ${v.message}`);
    }
  };

  /** Writes the violations Prism found in one exchange to the journal and the log. */
  const journalViolations = (
    id: string,
    method: string,
    path: string,
    status: number,
    headers: IncomingHttpHeaders,
  ) => {
    const violations = realViolations(status, parseViolations(headers['sl-violations']));
    if (violations.length === 0) return;
    const requestId = exchanges.requestIdOf(id) ?? headers['x-request-id'];
    if (typeof requestId === 'string') emulator.journal.annotate(requestId, violations);
    report(method, path, status, violations);
  };

  const forward = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const cors = corsHeaders(incoming);
    let body: Buffer;
    try {
      body = await readBody(incoming);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(outgoing, cors);
      throw error;
    }
    const id = exchanges.open();
    const method = incoming.method ?? 'GET';
    const path = new URL(incoming.url ?? '/', publicUrl).pathname;
    const multipart = /^multipart\//i.test(incoming.headers['content-type'] ?? '');
    if (multipart) exchanges.stashBody(id, body);
    const { 'transfer-encoding': _chunked, ...headers } = incoming.headers;
    const sent = multipart ? maskBinary(body) : body;
    try {
      await new Promise<void>((resolve, reject) => {
        const upstream = httpRequest(
          {
            host: prism.hostname,
            port: prism.port,
            method,
            path: incoming.url,
            agent,
            headers: { ...headers, [EXCHANGE_HEADER]: id, 'content-length': String(sent.length) },
          },
          (answer) => {
            const status = answer.statusCode ?? 502;
            const done = () => {
              journalViolations(id, method, path, status, answer.headers);
              resolve();
            };
            answer.once('error', reject);
            if (!PRISM_OWN_STATUSES.has(status)) {
              outgoing.writeHead(status, answer.headers);
              answer.pipe(outgoing);
              answer.once('end', done);
              return;
            }
            // Perhaps one of Prism's own answers: small, so read whole and rewritten in the API's shape.
            const chunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => chunks.push(chunk));
            answer.once('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              const shaped = apiShapeOf(status, text, { url: new URL(incoming.url ?? '/', publicUrl), body });
              if (shaped === undefined) {
                outgoing.writeHead(status, answer.headers);
                outgoing.end(text);
              } else {
                const json = JSON.stringify(shaped);
                const { 'content-length': _length, 'content-type': _type, ...kept } = answer.headers;
                outgoing.writeHead(status, {
                  ...kept,
                  'content-type': 'application/json; charset=utf-8',
                  'content-length': Buffer.byteLength(json),
                  'x-request-id': answer.headers['x-request-id'] ?? randomUUID(),
                });
                outgoing.end(json);
              }
              done();
            });
          },
        );
        upstream.once('error', reject);
        upstream.end(sent);
      });
    } finally {
      exchanges.close(id);
    }
  };

  const control = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const cors = corsHeaders(incoming);
    if (incoming.method === 'OPTIONS' && incoming.headers.origin && incoming.headers['access-control-request-method']) {
      outgoing.writeHead(204, {
        ...cors,
        'access-control-allow-methods': incoming.headers['access-control-request-method'],
        vary: 'origin',
        'content-length': '0',
      });
      return outgoing.end();
    }
    await serveWithEngine(emulator, incoming, outgoing, { origin: publicUrl, extra: cors, saved });
  };

  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const serve = (incoming.url ?? '/').startsWith(CONTROL_PREFIX) ? control : forward;
    serve(incoming, outgoing).catch((error: unknown) => {
      log(`emulator: ${incoming.method} ${incoming.url} failed: ${(error as Error).message}`);
      if (!outgoing.headersSent) {
        sendApiError(outgoing, 502, {
          key: 'proxy',
          message: `Prism did not answer: ${(error as Error).message}`,
          code: 'bad_gateway',
        });
      } else outgoing.destroy();
    });
  };
}
