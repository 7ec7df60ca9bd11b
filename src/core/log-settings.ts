// Which log lines a client writes, and where: `logLevel` (else PACHCA_LOG) and `logger`. Checked
// when the client is built; the code that writes the lines (logging.ts) is loaded only when
// logging is on.
import { PachcaConfigError } from './errors.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Anything with these four methods: `console`, a pino or winston logger, a test spy. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The rank of the level in LOG_LEVELS (0 is debug), or undefined when nothing is logged. The
 * option wins over PACHCA_LOG (read case-insensitively); a logger given without either logs from
 * `warn` up. An unknown level, from either place, is a PachcaConfigError: a typo must not turn
 * logging off unnoticed.
 */
export function logRank(
  logLevel: string | undefined,
  env: string | undefined,
  logger: Logger | undefined,
): number | undefined {
  const level = logLevel ?? (env?.trim().toLowerCase() || (logger ? 'warn' : 'off'));
  const rank = LOG_LEVELS.indexOf(level as LogLevel);
  if (rank < 0)
    throw new PachcaConfigError(
      `${logLevel === undefined ? 'PACHCA_LOG' : 'logLevel'} must be one of ${LOG_LEVELS.join(', ')}; got "${level}"`,
    );
  return rank < 4 ? rank : undefined;
}
