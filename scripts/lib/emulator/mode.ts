// What `npm run mock` and `npm start` serve on the mock port: the emulator (default), the spec's
// examples (--examples) or generated data (--dynamic). Both scripts share these flags, their
// checks and the banner lines that say what runs.
import { EMULATOR_TOKENS, type EmulatorOptions } from '../../../src/emulator/index.js';
import { startMock } from '../../mock.js';
import { UserFacingError } from '../ports.js';
import { CONTROL_PREFIX } from './front.js';
import { startEmulatorStack } from './stack.js';

export const MAX_USERS = 10_000;

/** parseArgs options for the mode flags. */
export const MODE_FLAGS = {
  examples: { type: 'boolean' },
  dynamic: { type: 'boolean' },
  users: { type: 'string' },
  seed: { type: 'string' },
  state: { type: 'string' },
  'rate-limit': { type: 'string' },
} as const;

export const MODE_HELP = `Modes (the emulator unless one of these is given):
  --examples       Prism answers every call with the spec's fixed examples (nothing is stored)
  --dynamic        Prism answers with generated, realistic data, new on every call

Emulator flags (a stateful workspace behind Prism's validating proxy):
  --users <n>      seeded users, 1 to ${MAX_USERS.toLocaleString('en')} (default 120)
  --seed <n>       another deterministic workspace (default 1)
  --state <file>   load the workspace from <file> and keep it there across restarts
                   (created from the seed when missing)
  --rate-limit <n> answer 429 with Retry-After past <n> requests per second per token`;

export type MockMode =
  | { kind: 'emulator'; engine: Pick<EmulatorOptions, 'users' | 'seed' | 'rateLimit'>; stateFile?: string }
  | { kind: 'examples' }
  | { kind: 'dynamic' };

type ModeValues = {
  [K in keyof typeof MODE_FLAGS]?: (typeof MODE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
};

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UserFacingError(
      `${flag} must be a whole number from ${min} to ${max.toLocaleString('en')}, got "${value}"`,
    );
  }
  return n;
}

/** The mode the flags ask for; a clash or a bad value is a UserFacingError. */
export function readMockMode(values: ModeValues): MockMode {
  const emulatorFlags = (['users', 'seed', 'state', 'rate-limit'] as const).filter((f) => values[f] !== undefined);
  if (values.examples && values.dynamic) throw new UserFacingError('choose one of --examples and --dynamic');
  const other = values.examples ? '--examples' : values.dynamic ? '--dynamic' : undefined;
  if (other && emulatorFlags.length > 0) {
    throw new UserFacingError(
      `--${emulatorFlags[0]} is an emulator flag; ${other} serves Prism's mock, which keeps no workspace`,
    );
  }
  if (values.examples) return { kind: 'examples' };
  if (values.dynamic) return { kind: 'dynamic' };
  if (values.state === '') throw new UserFacingError('--state needs a file name');
  return {
    kind: 'emulator',
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

export interface RunningMock {
  url: string;
  /** A few words for the "Mock server" line, e.g. "the emulator, CORS on". */
  summary: string;
  /** What the mode adds to the banner: tokens, control URL, what is not implemented. */
  details: string[];
  stop(): Promise<void>;
  onCrash(handler: (code: number | null) => void): void;
}

function tokenLines(): string[] {
  const width = Math.max(...Object.keys(EMULATOR_TOKENS).map((t) => t.length));
  return Object.entries(EMULATOR_TOKENS).map(([token, who]) => `    ${token.padEnd(width)}  ${who}`);
}

export async function startMockMode(
  mode: MockMode,
  { port, log, signal }: { port: number; log?: (line: string) => void; signal?: AbortSignal },
): Promise<RunningMock> {
  if (mode.kind !== 'emulator') {
    const mock = await startMock({ port, dynamic: mode.kind === 'dynamic', log, signal });
    return {
      url: mock.url,
      summary: mode.kind === 'dynamic' ? 'Prism, generated data' : "Prism, answers with the spec's examples",
      details: [
        `Mode: ${mode.kind === 'dynamic' ? '--dynamic' : '--examples'} (the emulator is the default: drop the flag for a stateful workspace)`,
      ],
      stop: mock.stop,
      onCrash: mock.onCrash,
    };
  }
  const stack = await startEmulatorStack({ port, engine: mode.engine, stateFile: mode.stateFile, log, signal });
  const { users = 120, seed = 1, rateLimit } = mode.engine;
  const { unimplemented } = stack.emulator;
  // A loaded file is whatever workspace was saved in it, not what the seed flags would make.
  const workspace = mode.stateFile ? `loaded from ${mode.stateFile}` : `of ${users} users (seed ${seed})`;
  return {
    url: stack.url,
    summary: 'the emulator behind Prism',
    details: [
      `Mode: emulator, a stateful workspace ${workspace}; every exchange is checked by Prism (--examples, --dynamic: Prism's mock)`,
      ...(mode.stateFile ? [`State file: ${mode.stateFile} (saved after every change)`] : []),
      ...(rateLimit ? [`Rate limit: ${rateLimit} requests per second per token`] : []),
      'Tokens (Authorization: Bearer <token>):',
      ...tokenLines(),
      `Control: ${stack.url}${CONTROL_PREFIX} (reset, state, requests, faults, clock, outbox)`,
      `Not implemented (they answer their spec examples): ${unimplemented.length > 0 ? unimplemented.join(', ') : 'none'}`,
    ],
    stop: stack.stop,
    onCrash: stack.onCrash,
  };
}
