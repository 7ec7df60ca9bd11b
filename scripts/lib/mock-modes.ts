// What `npm run mock` and `npm start` serve on the mock port: the emulator (the default, the same
// server as `pachca emulator`, src/emulator/node/), or Prism's mock of the spec answering with its
// examples (--examples) or generated data (--dynamic). Both scripts share these flags, their checks
// and the banner lines that say what runs.
import { emulatorDetails } from '../../src/emulator/node/banner.js';
import { EMULATOR_FLAGS_HELP, type EmulatorSettings, readEmulatorFlags } from '../../src/emulator/node/options.js';
import { startEmulatorServer } from '../../src/emulator/node/server.js';
import { UserFacingError } from './ports.js';
import { startPrism } from './prism.js';
import { bundleSpec } from './spec.js';

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

Emulator flags (a stateful workspace, every exchange checked against the spec):
${EMULATOR_FLAGS_HELP}`;

export type MockMode = ({ kind: 'emulator' } & EmulatorSettings) | { kind: 'examples' } | { kind: 'dynamic' };

type ModeValues = {
  [K in keyof typeof MODE_FLAGS]?: (typeof MODE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
};

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
  return { kind: 'emulator', ...readEmulatorFlags(values) };
}

export interface RunningMock {
  url: string;
  /** A few words for the "Mock server" line, e.g. "the emulator". */
  summary: string;
  /** What the mode adds to the banner: tokens, control URL, what is not implemented. */
  details: string[];
  stop(): Promise<void>;
  /** Calls `handler` if a server in another process (Prism) exits unasked; the emulator runs in this one. */
  onCrash(handler: (code: number | null) => void): void;
}

export async function startMockMode(
  mode: MockMode,
  { port, log, signal }: { port: number; log?: (line: string) => void; signal?: AbortSignal },
): Promise<RunningMock> {
  if (mode.kind !== 'emulator') {
    const prism = await startPrism({ port, dynamic: mode.kind === 'dynamic', log, signal });
    return {
      url: prism.url,
      summary: mode.kind === 'dynamic' ? 'Prism, generated data' : "Prism, answers with the spec's examples",
      details: [
        `Mode: ${mode.kind === 'dynamic' ? '--dynamic' : '--examples'} (the emulator is the default: drop the flag for a stateful workspace)`,
      ],
      stop: prism.stop,
      onCrash: prism.onCrash,
    };
  }
  // The spec as the package ships it, bundled from openapi/ by Redocly now rather than read from a build.
  const server = await startEmulatorServer({
    port,
    spec: bundleSpec(),
    engine: mode.engine,
    stateFile: mode.stateFile,
    log,
  });
  return {
    url: server.url,
    summary: 'the emulator',
    details: [...emulatorDetails(server, mode), "Other modes: --examples, --dynamic (Prism's mock of the spec)"],
    stop: server.stop,
    onCrash: () => undefined,
  };
}
