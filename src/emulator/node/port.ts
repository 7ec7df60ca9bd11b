// Where the emulator listens: its defaults and the check of a port typed by a person.
import { UserFacingError } from './user-facing-error.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4010;

/** A port typed by a person: 1 to 65535, or 0 for any free one (the banner shows which). */
export function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UserFacingError(`${source} must be a port number from 1 to 65535 (0: any free port), got "${value}"`);
  }
  return port;
}

/** The port from --port, else MOCK_PORT (as `npm run mock` has always read it), else 4010. */
export function portOf(flag: string | undefined, env: Record<string, string | undefined>): number {
  if (flag !== undefined) return parsePort(flag, '--port');
  return env.MOCK_PORT ? parsePort(env.MOCK_PORT, 'MOCK_PORT') : DEFAULT_PORT;
}

export const hostOf = (flag: string | undefined): string => {
  if (flag !== undefined && !flag.trim()) throw new UserFacingError('--host needs an address, e.g. 127.0.0.1');
  return flag ?? DEFAULT_HOST;
};
