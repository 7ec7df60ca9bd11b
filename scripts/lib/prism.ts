// Prism (@stoplight/prism-cli) as this repository runs it: its example mock (`npm run mock --
// --examples`, the contract suite's shared mock), its generated-data mock (`--dynamic`), and its
// validating proxy (`npm run verify:live`, and the suite that checks the emulator's answers with
// Prism too). The emulator itself does not need it (src/emulator/node/).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HOST, UserFacingError, waitForPort } from './ports.js';
import { stopChild } from './processes.js';
import { ROOT, SPEC_ROOT } from './spec.js';

const PRISM_BIN = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
export interface Prism {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** Calls `handler` if Prism exits without `stop()` having been called. */
  onCrash(handler: (code: number | null) => void): void;
}

export interface PrismOptions {
  port: number;
  dynamic?: boolean;
  /** Run as a validating proxy in front of this URL instead of mocking (`prism proxy`). */
  upstream?: string;
  /**
   * With `upstream`: Prism's `--errors`. A request the spec forbids gets Prism's 422 instead of
   * being forwarded, a response that breaks the spec becomes Prism's 500 listing the violations,
   * and a path outside the spec gets Prism's 404. Prism then logs only warnings and errors.
   */
  errors?: boolean;
  /** Prism logs at debug level: every request's and response's headers and body. */
  debug?: boolean;
  /** Receives each line Prism logs once it is ready (requests, validation errors). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** Starts Prism (a mock, or a proxy with `upstream`) and resolves once it accepts connections. */
export async function startPrism({
  port,
  dynamic = false,
  upstream,
  errors = false,
  debug = false,
  log = console.log,
  signal,
}: PrismOptions): Promise<Prism> {
  // Spawned with node directly: through npx, Prism would outlive us when stopped.
  const mode = upstream ? ['proxy', SPEC_ROOT, upstream] : ['mock', SPEC_ROOT];
  const args = [PRISM_BIN, ...mode, '--host', HOST, '--port', String(port), '--cors'];
  // Generated data, but only the properties the schemas declare: no random extra keys.
  if (dynamic) args.push('--dynamic', '--json-schema-faker-fillProperties=false');
  if (upstream && errors) args.push('--errors');
  if (debug) args.push('--verboseLevel', 'debug');
  // The proxy's caller logs the exchanges itself: Prism's few lines per request would only cost time.
  else if (upstream && errors) args.push('--verboseLevel', 'warn');
  // Prism needs no token (a proxy forwards the caller's header): keep it out of Prism's environment.
  const { PACHCA_TOKEN: _token, ...env } = process.env;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Whatever way we exit (even process.exit() on a second Ctrl-C), Prism goes with us.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopChild(child);
  };

  // Prism lists every route while starting; keep that to explain a failed start, show the rest.
  let ready = false;
  const startupLog: string[] = [];
  const onLine = (line: string) => (ready ? log(line) : startupLog.push(line));
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.filter((l) => l.trim()).forEach(onLine);
    });
  }

  const exitedEarly = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!ready)
        reject(new UserFacingError(`Prism exited while starting (code ${code}):\n${startupLog.slice(-10).join('\n')}`));
    });
  });
  exitedEarly.catch(() => undefined); // also rejects when we stop it below: not an unhandled error
  try {
    await Promise.race([waitForPort(HOST, port, { timeoutMs: 60_000, signal }), exitedEarly]);
  } catch (error) {
    await stop();
    throw error;
  }
  ready = true;
  const onCrash = (handler: (code: number | null) => void) =>
    child.once('exit', (code) => {
      if (!stopping) handler(code);
    });
  return { url: `http://${HOST}:${port}`, child, stop, onCrash };
}
