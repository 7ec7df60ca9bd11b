// The one HTTP test server: a node:http server on 127.0.0.1 and a free port. `listen()` hands each
// request to a raw handler (the fault suite resets sockets, stalls or trickles bodies with it);
// `startServer()` builds on it a scripted server that records every request (method, url, headers,
// raw body, arrival time) and answers from a per-test script. close() drops every connection and
// pending timer, so a stalled request never outlives its test.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

export interface RawContext {
  /** 0 for the first request this server received. */
  hit: number;
  /** `performance.now()` when the request arrived (before its body). */
  arrivedAt: number;
  /** setTimeout that close() cancels. */
  later(ms: number, fn: () => void): void;
}

/** Gets each request once its body has arrived, with the raw response to answer (or not). */
export type RawHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse, context: RawContext) => void;

export interface RawServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests received so far. */
  readonly hits: number;
  close(): Promise<void>;
}

export async function listen(handler: RawHandler): Promise<RawServer> {
  let hits = 0;
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createServer((req, res) => {
    const arrivedAt = performance.now();
    const hit = hits++;
    // Read the request body first, as a real server would, then answer.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => handler(req, Buffer.concat(chunks), res, { hit, arrivedAt, later }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function startServer(): Promise<TestServer> {
  let responder: Responder = () => ({ status: 599, body: 'no reply scripted for this request' });
  const requests: RecordedRequest[] = [];

  const server = await listen((req, body, res, { arrivedAt, later }) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: arrivedAt };
    const index = requests.push(recorded) - 1;
    const reply = responder(recorded, index);
    if (reply.hang) return;
    if (reply.destroy) return void req.socket.destroy();
    if (!reply.delayMs) return send(res, reply);
    later(reply.delayMs, () => {
      if (!res.destroyed) send(res, reply);
    });
  });

  return {
    url: server.url,
    requests,
    script(...replies) {
      const first = requests.length;
      responder = (_, index) => replies[Math.min(index - first, replies.length - 1)] ?? { status: 599 };
    },
    respond(fn) {
      responder = fn;
    },
    close: () => server.close(),
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
