// A private, freshly seeded emulator in this process: the emulator server (src/emulator/node/, the
// one `pachca emulator` runs, its exchanges checked against the spec), for suites that change the
// workspace as they please (the README's examples, the guide's workflows) without touching the
// shared one.
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { startEmulatorServer } from '../../src/emulator/node/server.js';
import { spec } from './spec.js';

export interface EngineServer {
  /** `http://127.0.0.1:PORT`: the API at the root, control paths under /__emulator/. */
  url: string;
  /** The spec violations its answers had (from its journal): none, or a test should say why. */
  violations(): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function startEngineServer(options: Omit<EmulatorOptions, 'publicOrigin'> = {}): Promise<EngineServer> {
  const server = await startEmulatorServer({ port: 0, spec: spec(), engine: options, log: () => undefined });
  return {
    url: server.url,
    violations: async () =>
      server.emulator.journal
        .list()
        .flatMap((entry) => entry.violations.map((v) => ({ request: `${entry.method} ${entry.path}`, ...v }))),
    close: () => server.stop(),
  };
}
