// Reading a request body in the Node servers in front of the emulator, with a size cap: a body
// past it is answered 413 in the API's error shape instead of being held in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest body accepted; Prism itself would take up to 10 MB. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/**
 * The whole body of `request`, or BodyTooLargeError once it has ended past `limit` bytes. An
 * oversized body is read to its end and dropped rather than cut off, so the client, still
 * sending, receives the 413 instead of a reset connection.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.once('end', () => (size > limit ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    request.once('error', reject);
  });
}

/** An error response in the API's shape (`{errors: [{key, value, message, code, payload}]}`). */
export function sendApiError(
  response: ServerResponse,
  status: number,
  error: { key: string; message: string; code: string },
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({
    errors: [{ key: error.key, value: null, message: error.message, code: error.code, payload: null }],
  });
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

export const sendTooLarge = (response: ServerResponse, headers: Record<string, string> = {}) =>
  sendApiError(
    response,
    413,
    { key: 'body', message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, code: 'too_large' },
    headers,
  );
