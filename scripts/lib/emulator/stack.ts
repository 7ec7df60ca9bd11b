// The emulator as `npm run mock` serves it: the engine behind a node:http adapter, Prism's proxy
// (with --errors) in front of that, and the public front on the port people use. Only the front
// listens on the public port; the adapter and Prism take free ports on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/index.js';
import { HOST, startMock, type Mock } from '../../mock.js';
import { openStateStore, StateFileError, type StateStore } from '../../../src/emulator/node/state-store.js';
import { freePort, UserFacingError } from '../ports.js';
import { engineListener } from './adapter.js';
import { Exchanges } from './exchanges.js';
import { frontListener } from './front.js';

// Prism's own lines about violations: the front logs each one with its operation instead, and
// leaves out the unlisted-status warning for the 429 and 5xx that every operation may answer.
const PRISM_VIOLATION_LINE = /\[VALIDATOR\]|errors#VIOLATIONS/;

export interface EmulatorStackOptions {
  port: number;
  engine?: Omit<EmulatorOptions, 'publicOrigin' | 'basePath'>;
  /** Serve this engine instead of a new one (tests wrap one to make it misbehave). */
  emulator?: (publicOrigin: string) => Emulator;
  /** `--state FILE`. */
  stateFile?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface EmulatorStack {
  url: string;
  /** Prism's proxy and the engine's adapter, each on its own port: for benchmarks that skip a layer. */
  prismUrl: string;
  engineUrl: string;
  prismPid: number | undefined;
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

/** The --state store; a file that does not load is one line for the person who started it. */
async function openState(emulator: Emulator, file: string, log: (line: string) => void): Promise<StateStore> {
  try {
    return await openStateStore(emulator, file, log);
  } catch (error) {
    if (error instanceof StateFileError) throw new UserFacingError(error.message);
    throw error;
  }
}

export async function startEmulatorStack({
  port,
  engine = {},
  emulator: makeEmulator = (publicOrigin) => createEmulator({ ...engine, publicOrigin }),
  stateFile,
  log = console.log,
  signal,
}: EmulatorStackOptions): Promise<EmulatorStack> {
  const url = `http://${HOST}:${port}`;
  const exchanges = new Exchanges();
  // Prism boots in its own process (about 2 s) while this one seeds the workspace: the adapter
  // listens first so Prism has its upstream, and serves once the engine exists.
  let listener: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const adapter = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    if (listener) return listener(req, res);
    res.writeHead(503, { 'retry-after': '1' }).end(); // only the front sends here, and it opens last
  });
  const adapterPort = await listen(adapter, 0);
  // Aborted when the start fails meanwhile (a --state file that does not load), so it fails fast.
  const starting = new AbortController();
  signal?.addEventListener('abort', () => starting.abort(), { once: true });
  const prismStarting = startMock({
    port: await freePort(HOST),
    upstream: `http://${HOST}:${adapterPort}`,
    errors: true,
    log: (line) => {
      if (!PRISM_VIOLATION_LINE.test(line)) log(line);
    },
    signal: starting.signal,
  });
  prismStarting.catch(() => undefined); // awaited below, after the seeding

  let prism: Mock | undefined;
  let state: StateStore | undefined;
  const front = createServer({ keepAliveTimeout: 60_000 });
  try {
    const started = performance.now();
    const emulator = makeEmulator(url);
    const seededInMs = performance.now() - started;
    state = stateFile ? await openState(emulator, stateFile, log) : undefined;
    const store = state;
    const saved = store && (() => store.flush());
    listener = engineListener(emulator, { origin: url, exchanges, saved });
    prism = await prismStarting;
    front.on('request', frontListener({ emulator, exchanges, prismUrl: prism.url, publicUrl: url, log, saved }));
    await listen(front, port);
    const mock = prism;
    return {
      url,
      prismUrl: mock.url,
      engineUrl: `http://${HOST}:${adapterPort}`,
      prismPid: mock.child.pid,
      emulator,
      seededInMs,
      flushState: () => store?.flush() ?? Promise.resolve(),
      stop: async () => {
        await close(front);
        await mock.stop();
        await close(adapter);
        await store?.close();
      },
      onCrash: (handler) => mock.onCrash(handler),
    };
  } catch (error) {
    starting.abort();
    await (prism ?? (await prismStarting.catch(() => undefined)))?.stop();
    await close(adapter);
    await state?.close();
    throw error;
  }
}
