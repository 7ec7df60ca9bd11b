// The local API the benchmarks call: node:http on 127.0.0.1, answering GET /users/{id} with one
// fixed user and GET /users with cursor pages over a generated directory. It runs in a child
// process (spawnBenchServer), so its CPU time is not charged to the client being measured.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { isMain } from './report.js';

export const TOKEN = 'bench-token-0123456789';

export interface BenchServerOptions {
  /** Users in the directory GET /users pages over. */
  users?: number;
  pageSize?: number;
  /** Answer every n-th request (1-based count over all requests) with 429 and `Retry-After: 0`. */
  rateLimitEvery?: number;
}

export interface ServerStats {
  requests: number;
  rateLimited: number;
  unauthorized: number;
}

export interface BenchServer {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Counters since start (the /__stats request itself is not counted). */
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

/** A user with every key of the API's User, so parsing costs what it costs in production. */
export function benchUser(id: number) {
  return {
    id,
    first_name: 'Oleg',
    last_name: 'Petrov',
    nickname: `user${id}`,
    email: `user${id}@example.com`,
    phone_number: '+79001234567',
    department: 'Product',
    title: 'CIO',
    role: 'user',
    suspended: false,
    invite_status: 'confirmed',
    inviter_id: null,
    list_tags: ['Product', 'Design'],
    custom_properties: [{ id: 1678, name: 'City', data_type: 'string', value: 'Saint Petersburg' }],
    user_status: null,
    bot: false,
    sso: false,
    created_at: '2020-06-08T09:32:57.000Z',
    last_activity_at: '2025-01-20T13:40:07.000Z',
    time_zone: 'Europe/Moscow',
    image_url: `https://app.pachca.com/users/${id}/photo.jpg`,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'bench', ...headers });
  res.end(text);
}

/** Serves in this process; returns the URL and a closer. */
function serve({
  users = 10_000,
  pageSize = 50,
  rateLimitEvery = 0,
}: BenchServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const stats: ServerStats = { requests: 0, rateLimited: 0, unauthorized: 0 };
  const singleUser = JSON.stringify({ data: benchUser(1) });
  const pages = Math.ceil(users / pageSize);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/__stats') return send(res, 200, stats);
    stats.requests++;
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      stats.unauthorized++;
      return send(res, 401, { error: 'invalid_token', error_description: 'bench server' });
    }
    if (rateLimitEvery > 0 && stats.requests % rateLimitEvery === 0) {
      stats.rateLimited++;
      return send(res, 429, { errors: [] }, { 'retry-after': '0' });
    }
    const url = new URL(req.url ?? '/', 'http://bench');
    if (url.pathname === '/users/1') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'bench' });
      return res.end(singleUser);
    }
    if (url.pathname === '/users') {
      // The cursor is the page number; opaque to the client, as the API's cursors are.
      const page = Number(url.searchParams.get('cursor') ?? '0');
      const limit = Math.min(pageSize, Number(url.searchParams.get('limit') ?? pageSize));
      const from = page * pageSize;
      const data = Array.from({ length: Math.max(0, Math.min(limit, users - from)) }, (_, i) =>
        benchUser(from + i + 1),
      );
      const hasNext = page + 1 < pages;
      return send(res, 200, {
        data,
        meta: {
          paginate: {
            next_page: String(page + 1),
            prev_page: String(Math.max(0, page - 1)),
            has_next: hasNext,
            has_prev: page > 0,
          },
        },
      });
    }
    send(res, 404, {
      errors: [{ key: 'path', value: url.pathname, message: 'not found', code: 'not_found', payload: null }],
    });
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Starts the server in a child process and waits for its URL. */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return {
    url,
    stats: async () => (await (await fetch(`${url}/__stats`)).json()) as ServerStats,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}

if (isMain(import.meta.url)) {
  const { url } = await serve(JSON.parse(process.argv[2] ?? '{}') as BenchServerOptions);
  console.log(url);
}
