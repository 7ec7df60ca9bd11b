// Stopping a server cleanly on SIGTERM, SIGINT or SIGHUP, once. A process often gets the signal
// more than once: npm forwards a signal to its child that the child's process group got too
// (Ctrl-C, `kill -- -<group>`), and people press Ctrl-C again or send SIGTERM after it. Every
// signal after the first waits for the same stop instead of cutting it short, so a stop that is
// saving state finishes; a hard deadline still ends a stop that hangs, and says so.
import type { EventEmitter } from 'node:events';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** Long enough for a final save of a 10,000-user workspace and a child's own grace period. */
export const DEFAULT_DEADLINE_MS = 15_000;

/** A repeat this soon after the first signal is a forwarded copy, not a person asking again: no message. */
const FORWARDED_WITHIN_MS = 500;

export interface ShutdownOptions {
  /** The exit code after a clean stop; default 0. A failed stop exits 1. */
  code?: number;
  /** A stop still running after this exits with 1 and a message; default 15 s, 0 for none. */
  deadlineMs?: number;
  /** Where the messages go; default stderr. */
  log?: (line: string) => void;
  /** What ends the process; default `process.exit` (tests pass their own). */
  exit?: (code: number) => void;
  /** What emits the signals; default `process`. */
  signals?: Pick<EventEmitter, 'on' | 'off'>;
}

/**
 * Runs `stop` on the first SIGTERM, SIGINT or SIGHUP, then exits with `code` (1 if it threw).
 * Returns a function that stops listening.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  {
    code = 0,
    deadlineMs = DEFAULT_DEADLINE_MS,
    log = (line) => console.error(line),
    exit = (status) => process.exit(status),
    signals = process,
  }: ShutdownOptions = {},
): () => void {
  let stoppingSince: number | undefined;
  let deadline: NodeJS.Timeout | undefined;

  async function run(signal: string): Promise<void> {
    if (deadlineMs > 0) {
      deadline = setTimeout(() => {
        log(`${signal}: the stop did not finish within ${deadlineMs / 1000} s; exiting without it`);
        exit(1);
      }, deadlineMs);
    }
    try {
      await stop();
      clearTimeout(deadline);
      exit(code);
    } catch (error) {
      clearTimeout(deadline);
      log(`while stopping: ${(error as Error).message}`);
      exit(1);
    }
  }

  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince > FORWARDED_WITHIN_MS)
        log(`${signal}: already stopping; waiting for it to finish`);
      return;
    }
    stoppingSince = Date.now();
    void run(signal);
  };
  for (const signal of SHUTDOWN_SIGNALS) signals.on(signal, handler);
  return () => {
    for (const signal of SHUTDOWN_SIGNALS) signals.off(signal, handler);
  };
}
