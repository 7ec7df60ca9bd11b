// A misbehaving API for the fault suite: a node:http server on 127.0.0.1 and a free port whose
// handler gets the raw request and response, so a test can reset sockets, stall, trickle a body
// or send garbage. It counts hits, and close() drops every connection and pending timer, so a
// stalled request never outlives its test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TestContext } from 'vitest';
import { Pachca, type PachcaOptions } from '../../src/index.js';

/** Distinctive, so a leak into any error text is easy to spot. */
export const FAULT_TOKEN = 'fault-token-SECRET-7f3a9c';

export interface FaultContext {
  /** 0 for the first request this server received. */
  hit: number;
  /** setTimeout that close() cancels. */
  later(ms: number, fn: () => void): void;
}

export type FaultHandler = (req: IncomingMessage, res: ServerResponse, context: FaultContext) => void;

export interface FaultServer {
  url: string;
  /** Requests received so far. */
  readonly hits: number;
  close(): Promise<void>;
}

export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
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
    const hit = hits++;
    // Read the request body first, as a real server would, then misbehave.
    req.resume();
    req.once('end', () => handler(req, res, { hit, later }));
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

/** A fault server for one test, closed when that test finishes (safe in concurrent tests). */
export async function serve(handler: FaultHandler, { onTestFinished }: TestContext): Promise<FaultServer> {
  const server = await startFaultServer(handler);
  onTestFinished(() => server.close());
  return server;
}

/** A client for `server` with the fault token, no retries and a 3 s timeout unless overridden. */
export function faultClient(server: FaultServer, options: PachcaOptions = {}): Pachca {
  return new Pachca({ token: FAULT_TOKEN, baseUrl: server.url, maxRetries: 0, timeoutMs: 3_000, ...options });
}

/**
 * The deadline of a case that should wait about `waitMs` in total (backoffs, Retry-After,
 * timeouts), with slack for a busy 2-core machine running other suites at the same time.
 */
export function deadline(waitMs: number): number {
  return waitMs + 2_000;
}

/** A JSON reply. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const USER = { data: { id: 12, first_name: 'Oleg', nickname: 'olegp' } };
