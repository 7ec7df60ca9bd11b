// `pachca emulator`: the emulator served until Ctrl-C. Loaded only by that command (a dynamic
// import in src/cli/emulator-command.ts; dist/cli-emulator.js in the package), so `import 'pachca-sdk'` and the
// other commands never load the engine, ajv or the spec.
import { curlExample, emulatorDetails } from './banner.js';
import { loadBundledSpec } from './bundled-spec.js';
import { type EmulatorFlags, type EmulatorSettings, readEmulatorFlags } from './options.js';
import { hostOf, portOf } from './port.js';
import { startEmulatorServer } from './server.js';
import { stopOnSignals } from './shutdown.js';

export interface RunOptions extends EmulatorSettings {
  port: number;
  host: string;
}

/**
 * Starts the emulator and prints its banner. The first SIGINT, SIGTERM or SIGHUP stops it (every
 * acknowledged write is saved by then) and exits 0; signals after it wait for that stop.
 */
export async function runEmulator(options: RunOptions, print: (line: string) => void): Promise<void> {
  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    spec: loadBundledSpec(),
    engine: options.engine,
    stateFile: options.stateFile,
    log: print,
  });
  print(`Pachca emulator: ${server.url}`);
  for (const line of emulatorDetails(server, options)) print(`  ${line}`);
  print(`Try: ${curlExample(server.url)}`);
  print('Press Ctrl-C to stop.');
  stopOnSignals(async () => {
    print('Stopping the emulator…');
    await server.stop();
  });
}

/** The command's flags as typed, before they are checked. */
export interface RawRunFlags extends EmulatorFlags {
  port?: string;
  host?: string;
}

/** Checks the flags; throws UserFacingError naming a bad one. */
export function parseRunOptions(flags: RawRunFlags, env: Record<string, string | undefined>): RunOptions {
  return { port: portOf(flags.port, env), host: hostOf(flags.host), ...readEmulatorFlags(flags) };
}
