// `-v, --verbose`: the SDK's own log at `debug` (src/core/logging.ts), written to stderr. Each
// attempt (retries too) with its status, request id, time, the retry's reason and wait and the
// bodies, then the call's outcome; the token never appears.
import type { Logger } from '../core/log-settings.js';
import type { Output } from './io.js';

/** A logger that writes every line to `stderr`, whatever its level. */
export function stderrLogger(stderr: Output): Logger {
  const write = (line: string) => void stderr.write(`${line}\n`);
  return { debug: write, info: write, warn: write, error: write };
}
