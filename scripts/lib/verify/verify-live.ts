// The live check behind `npm run verify:live` (scripts/verify-live.ts is its entry): proves the
// spec still matches the real API. Prism runs as a validating proxy in front of PACHCA_BASE_URL,
// the SDK walks the API through it, and every answer that breaks openapi/openapi.yaml is reported.
// Read-only unless --writes. Exit codes in HELP. Its arguments, environment, output streams and
// interruption are parameters, so a test runs it in-process as the entry runs it.
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL, Pachca } from '../../../src/index.js';
import { startPrism } from '../prism.js';
import { freePort } from '../ports.js';
import { Checker, TokenRefusedError, UnreachableError } from './checker.js';
import { createRecorder, type Recorder } from './recorder.js';
import { buildReport, EXIT, formatText } from './report.js';
import { walk } from './walk.js';

export const HELP = `Usage: PACHCA_TOKEN=… npm run verify:live -- [--writes] [--json] [--verbose]

Checks that the Pachca API still answers as openapi/openapi.yaml says: the SDK calls the API
through a Prism proxy that validates every request and response against the spec.

  PACHCA_TOKEN     access token (required); never printed
  PACHCA_BASE_URL  API base URL (default ${DEFAULT_BASE_URL})

  --writes   also create, rename and delete a group tag "pachca-sdk-verify-…", and set, read
             and restore your own status; every write is undone, even after a failure
  --json     print the report as JSON
  --verbose  show Prism's log (debug level, token redacted) on stderr

Exit codes: 0 no violations, 1 drift (violations), 2 usage (e.g. no token),
            3 the token was refused (401/403 on the first call), 4 the API cannot be reached,
            130 interrupted (Ctrl-C; writes are undone first).`;

/** Time allowed for one call through the proxy, and for the reachability probe. */
const CALL_TIMEOUT_MS = 30_000;

/** Why an interrupted run stopped: the reason its AbortController is aborted with. */
export class Interrupted extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}

/** Resolves with why `baseUrl` cannot be reached, or undefined if anything answered (no token sent). */
async function unreachable(baseUrl: string, interrupted: AbortSignal): Promise<string | undefined> {
  try {
    await fetch(baseUrl, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(CALL_TIMEOUT_MS), interrupted]),
    });
    return undefined;
  } catch (error) {
    interrupted.throwIfAborted();
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `${baseUrl} cannot be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
  }
}

type Stopped = { reason: string; exitCode: number };

interface WalkSettings {
  baseUrl: string;
  token: string;
  writes: boolean;
  verbose: boolean;
  checker: Checker;
  recorder: Recorder;
  interrupted: AbortSignal;
  say: (text: string) => void;
}

/** Starts Prism in front of the API, walks it through the SDK, stops Prism; says why it stopped early, if it did. */
async function walkThroughProxy({
  baseUrl,
  token,
  writes,
  verbose,
  checker,
  recorder,
  interrupted,
  say,
}: WalkSettings): Promise<Stopped | undefined> {
  say(`verify: starting the Prism proxy in front of ${baseUrl}…`);
  const proxy = await startPrism({
    port: await freePort(),
    upstream: baseUrl,
    debug: verbose,
    log: verbose ? (line) => say(`[prism] ${line}`) : () => undefined,
    signal: interrupted,
  });
  say(`verify: Prism proxy (pid ${proxy.child.pid}) on ${proxy.url}`);
  let crashed: number | null | undefined;
  proxy.onCrash((code) => (crashed = code));
  try {
    const client = new Pachca({
      baseUrl: proxy.url,
      token,
      maxRetries: 0,
      timeoutMs: CALL_TIMEOUT_MS,
      fetch: recorder.fetch,
    });
    await walk(client, checker, { writes });
    return undefined;
  } catch (error) {
    if (error instanceof TokenRefusedError) return { reason: error.message, exitCode: EXIT.tokenRefused };
    if (!(error instanceof UnreachableError)) throw error;
    return {
      reason: crashed === undefined ? error.message : `the Prism proxy exited (code ${crashed})`,
      exitCode: EXIT.network,
    };
  } finally {
    await proxy.stop();
  }
}

export interface VerifyIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Aborted (with an Interrupted reason) to stop the walk, undo the writes and stop Prism. */
  interrupted: AbortSignal;
}

/** Runs the live check; resolves with its exit code. */
export async function verifyLive({ argv, env, stdout, stderr, interrupted }: VerifyIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      writes: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    stdout.write(`${HELP}\n`);
    return 0;
  }
  const token = env.PACHCA_TOKEN?.trim();
  const baseUrl = (env.PACHCA_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const usage = !token
    ? 'PACHCA_TOKEN is not set: export an access token (see --help)'
    : !/^https?:\/\/[^/]/.test(baseUrl)
      ? `PACHCA_BASE_URL must be an http(s) URL, got "${baseUrl}"`
      : undefined;
  if (usage || !token) {
    stderr.write(`verify: ${usage}\n`);
    return EXIT.usage;
  }

  // Everything printed goes through here: the token never leaves this run in the output.
  const redact = (text: string) => text.replaceAll(token, '[token]');
  const say = (text: string) => stderr.write(`${redact(text)}\n`);
  interrupted.addEventListener(
    'abort',
    () => say(`verify: ${(interrupted.reason as Interrupted).signal}: undoing writes and stopping the proxy…`),
    { once: true },
  );

  const recorder = createRecorder(() => checker.signal);
  const checker = new Checker(recorder, interrupted);
  let stopped: Stopped | undefined;
  try {
    const noAnswer = await unreachable(baseUrl, interrupted);
    stopped = noAnswer
      ? { reason: noAnswer, exitCode: EXIT.network }
      : await walkThroughProxy({
          baseUrl,
          token,
          writes: values.writes,
          verbose: values.verbose,
          checker,
          recorder,
          interrupted,
          say,
        });
  } catch (error) {
    if (!interrupted.aborted) throw error;
    stopped = { reason: (interrupted.reason as Error).message, exitCode: EXIT.interrupted };
  }

  const report = buildReport(
    { baseUrl, writes: values.writes, checks: checker.results, leftBehind: checker.leftBehind },
    stopped,
  );
  stdout.write(`${redact(values.json ? JSON.stringify(report, null, 2) : formatText(report))}\n`);
  return report.exitCode;
}
