// The emulator as `npm run mock` serves it: the engine behind a node:http adapter, Prism's proxy
// (with --errors) in front of that, and the public front on the port people use. Only the front
// listens on the public port; the adapter and Prism take free ports on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/index.js';
import { HOST, startMock, type Mock } from '../../mock.js';
import { freePort } from '../ports.js';
import { engineListener } from './adapter.js';
import { Exchanges } from './exchanges.js';
import { frontListener } from './front.js';
import { attachStateFile, type StateFile } from './state-file.js';

export interface EmulatorStackOptions {
  port: number;
  engine?: Omit<EmulatorOptions, 'publicOrigin' | 'basePath'>;
  /** `--state FILE`. */
  stateFile?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface EmulatorStack {
  url: string;
  emulator: Emulator;
  /** How long the engine took to seed its workspace. */
  seededInMs: number;
  /** Resolves once every change so far is saved to the --state file. */
  flushState(): Promise<void>;
  stop(): Promise<void>;
  onCrash(handler: (code: number | null) => void): void;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startEmulatorStack({
  port,
  engine = {},
  stateFile,
  log = console.log,
  signal,
}: EmulatorStackOptions): Promise<EmulatorStack> {
  const url = `http://${HOST}:${port}`;
  const started = performance.now();
  const emulator = createEmulator({ ...engine, publicOrigin: url });
  const seededInMs = performance.now() - started;
  const state: StateFile | undefined = stateFile ? await attachStateFile(emulator, stateFile, log) : undefined;

  const exchanges = new Exchanges();
  const adapter = createServer({ keepAliveTimeout: 60_000 }, engineListener(emulator, { origin: url, exchanges }));
  const adapterPort = await listen(adapter, 0);
  let prism: Mock | undefined;
  const front = createServer({ keepAliveTimeout: 60_000 });
  try {
    prism = await startMock({
      port: await freePort(HOST),
      upstream: `http://${HOST}:${adapterPort}`,
      errors: true,
      log,
      signal,
    });
    front.on('request', frontListener({ emulator, exchanges, prismUrl: prism.url, publicUrl: url, log }));
    await listen(front, port);
  } catch (error) {
    await prism?.stop();
    await close(adapter);
    throw error;
  }
  const mock = prism;
  return {
    url,
    emulator,
    seededInMs,
    flushState: () => state?.flush() ?? Promise.resolve(),
    stop: async () => {
      await close(front);
      await mock.stop();
      await close(adapter);
      await state?.close();
    },
    onCrash: (handler) => mock.onCrash(handler),
  };
}
