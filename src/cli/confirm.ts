// Destructive commands ask first on a terminal; elsewhere (scripts, CI, pipes) and with --no-input
// they need --force, so a forgotten flag can never delete something unattended.
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

export class NotConfirmedError extends UsageError {
  override name = 'NotConfirmedError';
}

/** Which requests are destructive: every DELETE (typed commands, `pachca api`, the docs' samples). */
export const isDestructive = (method: string): boolean => method === 'DELETE';

export const isInteractive = (io: CliIo) => Boolean(io.stdin.isTTY && io.stderr.isTTY);

export async function confirmDestructive(
  what: string,
  force: boolean,
  io: CliIo,
  flags: { interactive?: boolean } = {},
): Promise<void> {
  if (force) return;
  if (flags.interactive === false) {
    throw new NotConfirmedError(`Refusing to ${what} without --force: --no-input never asks. Nothing was sent.`);
  }
  if (!isInteractive(io)) {
    throw new NotConfirmedError(
      `Refusing to ${what} without --force: this is not an interactive terminal. Nothing was sent.`,
    );
  }
  let yes = false;
  try {
    // Loaded only here: the prompt library is the slowest import of the CLI.
    const { default: confirm } = await import('@inquirer/confirm');
    yes = await confirm(
      { message: `${what.charAt(0).toUpperCase()}${what.slice(1)}?`, default: false },
      { input: io.stdin, output: io.stderr },
    );
  } catch {
    // Ctrl-C or a closed terminal: treated as "no".
  }
  if (!yes) throw new NotConfirmedError('Cancelled. Nothing was sent.');
}
