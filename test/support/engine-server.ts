// A private, freshly seeded emulator in this process: the engine (src/emulator) behind a plain
// node:http server, with no Prism in front, for suites that change the workspace as they please
// (the README's examples, the guide's workflows) without touching the shared one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { engineListener } from '../../scripts/lib/emulator/adapter.js';
import { Exchanges } from '../../scripts/lib/emulator/exchanges.js';
import { createEmulator, type EmulatorOptions } from '../../src/emulator/index.js';

export interface EngineServer {
  /** `http://127.0.0.1:PORT`: the API at the root, control paths under /__emulator/. */
  url: string;
  close(): Promise<void>;
}

export async function startEngineServer(options: EmulatorOptions = {}): Promise<EngineServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', engineListener(createEmulator(options), { origin: url, exchanges: new Exchanges() }));
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
