// The emulator's start-up flags, read the same way by `pachca emulator` and by `npm run mock`:
// each value checked here, a bad one refused with one line that names the flag and the range.
import { DEFAULT_USERS, MAX_USERS } from '../seed.js';
import { UserFacingError } from './user-facing-error.js';

export { DEFAULT_USERS, MAX_USERS };

export interface EmulatorFlags {
  users?: string;
  seed?: string;
  state?: string;
  'rate-limit'?: string;
}

export interface EmulatorSettings {
  engine: { users?: number; seed?: number; rateLimit?: number };
  stateFile?: string;
}

/** The help lines of the emulator's flags. */
export const EMULATOR_FLAGS_HELP = `  --users <n>      seeded users, 1 to ${MAX_USERS.toLocaleString('en')} (default ${DEFAULT_USERS})
  --seed <n>       another deterministic workspace (default 1)
  --state <file>   load the workspace from <file> and keep it there across restarts
                   (created from the seed when missing)
  --rate-limit <n> answer 429 with Retry-After past <n> requests per second per token`;

export function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UserFacingError(
      `${flag} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, got "${text}"`,
    );
  }
  return value;
}

/** The engine's options and the state file from the flags; throws UserFacingError for a bad value. */
export function readEmulatorFlags(values: EmulatorFlags): EmulatorSettings {
  if (values.state === '') throw new UserFacingError('--state needs a file name');
  return {
    engine: {
      ...(values.users !== undefined && { users: integer(values.users, '--users', 1, MAX_USERS) }),
      ...(values.seed !== undefined && { seed: integer(values.seed, '--seed', 0, Number.MAX_SAFE_INTEGER) }),
      ...(values['rate-limit'] !== undefined && {
        rateLimit: integer(values['rate-limit'], '--rate-limit', 1, 1_000_000),
      }),
    },
    ...(values.state !== undefined && { stateFile: values.state }),
  };
}
