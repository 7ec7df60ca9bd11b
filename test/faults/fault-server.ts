// A misbehaving API for the fault suite: the test server's raw handler (test/support/http-server.ts)
// gets the request and response, so a test can reset sockets, stall, trickle a body or send
// garbage; the server counts hits and drops every connection and pending timer when it closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestContext } from 'vitest';
import { listen, type RawContext, type RawServer } from '../support/http-server.js';
import { Pachca, type PachcaOptions } from '../../src/index.js';

/** Distinctive, so a leak into any error text is easy to spot. */
export const FAULT_TOKEN = 'fault-token-SECRET-7f3a9c';

/** The raw handler of test/support/http-server.ts, without the request body (fault tests ignore it). */
export type FaultHandler = (req: IncomingMessage, res: ServerResponse, context: RawContext) => void;

/** A fault server for one test, closed when that test finishes (safe in concurrent tests). */
export async function serve(handler: FaultHandler, { onTestFinished }: TestContext): Promise<RawServer> {
  const server = await listen((req, _body, res, context) => handler(req, res, context));
  onTestFinished(() => server.close());
  return server;
}

/** A client for `server` with the fault token, no retries and a 3 s timeout unless overridden. */
export function faultClient(server: RawServer, options: PachcaOptions = {}): Pachca {
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
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const USER = { data: { id: 12, first_name: 'Oleg', nickname: 'olegp' } };
