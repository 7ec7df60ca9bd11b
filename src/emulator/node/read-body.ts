// A request body read with the emulator's one size limit (src/emulator/limits.ts), before any of it
// is kept: a Content-Length past it is refused at once, and a body that grows past it on the way is
// drained and dropped, so the client, still sending, gets the 413 instead of a reset connection.
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../limits.js';

/** The whole body, or undefined when it is larger than `limit`. */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      request.resume(); // read and dropped, so the answer reaches the client
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
