// A tiny read-only file server for dist/: the docs page and the bundled spec. It serves files
// under its root and nothing else (no listings, no `..`, no symlinks out of the root).
import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.png': 'image/png',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The file a URL path names inside `root`, or undefined when there is none. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const realRoot = realpathSync(root);
  let file: string;
  try {
    file = realpathSync(resolve(realRoot, `.${path}`));
  } catch {
    return undefined;
  }
  if (!file.startsWith(realRoot + sep)) return undefined;
  return statSync(file).isFile() ? file : undefined;
}

/**
 * Listens on host:port and resolves once it does; rejects with the listen error (EADDRINUSE …).
 * `/` redirects to `home`. `headHtml`, when given, is added at the end of every HTML page's
 * <head>: what this server knows and a published copy would not (`npm start`'s emulator).
 */
export function serveStatic(
  root: string,
  { host, port, home, headHtml }: { host: string; port: number; home: string; headHtml?: string },
): Promise<Server> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === '/') {
      res.writeHead(302, { location: home }).end();
      return;
    }
    const file = resolveInside(root, pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (headHtml !== undefined && extname(file) === '.html') {
      const page = Buffer.from(readFileSync(file, 'utf8').replace('</head>', `${headHtml}\n</head>`));
      res.writeHead(200, { 'content-type': type, 'content-length': page.length, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(server);
    });
  });
}
