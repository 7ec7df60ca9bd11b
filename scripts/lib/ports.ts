// Ports for the local servers: parsed from flags or env, checked before anything starts so a
// busy port is one clear line instead of a stack trace from deep inside a child process.
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { UserFacingError } from '../../src/emulator/node/user-facing-error.js';

export { UserFacingError };
export { parsePort } from '../../src/emulator/node/port.js';

/** Where the local servers listen. */
export const HOST = '127.0.0.1';

/** Rejects with a one-line UserFacingError when something already listens on host:port. */
export function assertPortFree(host: string, port: number, what: string, override: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserFacingError(
              `port ${port} on ${host} is already in use, so the ${what} cannot start; free it or choose another with ${override}`,
            )
          : error,
      );
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port the OS just handed out on `host`; whoever binds it next may lose a rare race, so retry on EADDRINUSE. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on host:port right now. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    const answer = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => answer(true));
    socket.once('error', () => answer(false));
    socket.once('timeout', () => answer(false));
  });
}

/** Polls until host:port accepts connections; rejects after `timeoutMs` or when `signal` aborts. */
export async function waitForPort(
  host: string,
  port: number,
  { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(host, port))) {
    signal?.throwIfAborted();
    if (Date.now() > deadline)
      throw new UserFacingError(`nothing listened on ${host}:${port} within ${timeoutMs / 1000} s`);
    await sleep(100, undefined, { signal });
  }
}
