// A tiny scripted HTTP server for unit tests: binds 127.0.0.1 on a free port, records every
// request (method, url, headers, raw body, arrival time) and answers from a per-test script.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pachca, type PachcaOptions } from '../../src/index.js';

export const TOKEN = 'test-token-4f9c2a7e1b';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/group_tags?names[]=A`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `performance.now()` when the request arrived. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else (including `null`) as JSON. Omit for an empty body. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the server closes): a stalled server. */
  hang?: boolean;
  /** Drop the connection without answering: a network error. */
  destroy?: boolean;
}

export type Responder = (request: RecordedRequest, index: number) => Reply;

export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  requests: RecordedRequest[];
  /** Answer the next requests with these replies in order, then keep repeating the last one. */
  script(...replies: Reply[]): void;
  /** Answer every request with a function of the request and its 0-based index. */
  respond(responder: Responder): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    if (typeof reply.body !== 'string') headers['content-type'] ??= 'application/json';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}

export async function startServer(): Promise<TestServer> {
  let responder: Responder = () => ({ status: 599, body: 'no reply scripted for this request' });
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        at,
      };
      const index = requests.push(recorded) - 1;
      const reply = responder(recorded, index);
      if (reply.hang) return;
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      if (!reply.delayMs) return send(res, reply);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, reply);
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...replies) {
      const first = requests.length;
      responder = (_, index) => replies[Math.min(index - first, replies.length - 1)] ?? { status: 599 };
    },
    respond(fn) {
      responder = fn;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One server per test file: started before its tests, closed after them, its request log cleared
 * before each test. The returned object reaches the live server, so use it inside tests and hooks.
 */
export function useTestServer(): TestServer {
  let live: TestServer | undefined;
  const current = () => {
    if (!live) throw new Error('the test server starts in beforeAll: use it inside tests and hooks');
    return live;
  };
  beforeAll(async () => {
    live = await startServer();
  });
  afterAll(() => live?.close());
  beforeEach(() => {
    current().requests.length = 0;
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    script: (...replies) => current().script(...replies),
    respond: (responder) => current().respond(responder),
    close: () => current().close(),
  };
}

/** A client pointed at `server`, with a known token and no retries unless asked for. */
export function clientFor(server: TestServer, options: PachcaOptions = {}): Pachca {
  return new Pachca({ token: TOKEN, baseUrl: server.url, maxRetries: 0, timeoutMs: 2_000, ...options });
}

/** The recorded body parsed as JSON. */
export function jsonBody(request: RecordedRequest | undefined): unknown {
  if (!request) throw new Error('no such request was recorded');
  return request.body.length ? JSON.parse(request.body.toString('utf8')) : undefined;
}

/** The recorded body parsed as multipart/form-data. */
export async function formBody(request: RecordedRequest | undefined): Promise<FormData> {
  if (!request) throw new Error('no such request was recorded');
  const contentType = String(request.headers['content-type']);
  return new Response(new Uint8Array(request.body), { headers: { 'content-type': contentType } }).formData();
}
