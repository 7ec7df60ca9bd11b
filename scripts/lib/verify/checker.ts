// One check = one SDK call through the proxy: its status, time and Prism's violations, or the
// reason it was skipped. The walk stops with a typed error when going on makes no sense: the
// token was refused on the first call, or the API (or the proxy) cannot be reached.
import { PachcaConnectionError } from '../../../src/index.js';
import type { OperationId } from '../../../generated/operations.js';
import type { Exchange, Recorder } from './recorder.js';
import type { Violation } from './violations.js';

export interface CheckResult {
  operationId: OperationId;
  /** Which call of the operation, when it is made more than once: `page 2`, `entity_type=Task`. */
  label?: string;
  status?: number;
  ms?: number;
  violations: Violation[];
  /** Prism listed only the first violations (its header holds ~8 KB). */
  truncated?: boolean;
  /** Why the operation was not checked. */
  skipped?: string;
  /** What the SDK made of the answer, when it threw (a 404, a body without `data`, …). */
  error?: string;
}

/** The first call was answered 401 or 403. */
export class TokenRefusedError extends Error {}

/** No answer from the API: the proxy could not reach it, or the proxy itself was unreachable. */
export class UnreachableError extends Error {}

export interface CheckOptions {
  label?: string;
  /** Undo steps run even after Ctrl-C, and are not aborted by it. */
  undo?: boolean;
}

export class Checker {
  readonly results: CheckResult[] = [];
  /** Writes that could not be undone, for the person to undo by hand. */
  readonly leftBehind: string[] = [];
  #undoing = false;

  constructor(
    private readonly recorder: Recorder,
    private readonly interrupted: AbortSignal,
  ) {}

  /** The signal for the request being sent: none while undoing, so Ctrl-C cannot cut an undo short. */
  get signal(): AbortSignal | undefined {
    return this.#undoing ? undefined : this.interrupted;
  }

  skip(operationId: OperationId, reason: string, label?: string): void {
    this.results.push({ operationId, ...(label && { label }), violations: [], skipped: reason });
  }

  /** Runs `call`; resolves with its value, or with undefined if the SDK threw after an answer. */
  async check<T>(
    operationId: OperationId,
    call: () => PromiseLike<T>,
    { label, undo = false }: CheckOptions = {},
  ): Promise<{ value: T } | undefined> {
    if (!undo) this.interrupted.throwIfAborted();
    this.#undoing = undo;
    this.recorder.take();
    const started = performance.now();
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await call() };
    } catch (error) {
      outcome = { error };
    } finally {
      this.#undoing = false;
    }
    const ms = Math.round(performance.now() - started);
    const base = { operationId, ...(label && { label }) };
    // Calls are never retried here, so a check is at most one exchange.
    const exchange: Exchange | undefined = this.recorder.take().at(-1);
    // Ctrl-C during the call: an answer that arrived is still recorded (it may hold an id to undo).
    if (!exchange && !undo) this.interrupted.throwIfAborted();

    if (!exchange || exchange.prismError?.type === 'FetchError') {
      const error = 'error' in outcome ? outcome.error : undefined;
      const network =
        exchange?.prismError?.title ?? (error instanceof PachcaConnectionError ? error.message : undefined);
      if (network !== undefined) {
        this.results.push({ ...base, violations: [], skipped: `no answer: ${network}` });
        throw new UnreachableError(network);
      }
      // The SDK refused before sending, e.g. an id that is not an integer: the drift that caused
      // it is reported by the call that returned that id.
      this.skip(operationId, `not sent: ${(error as Error).message}`, label);
      return undefined;
    }

    // Prism's other errors (problem+json) say nothing about the API.
    if (exchange.prismError) {
      this.skip(operationId, `Prism answered instead of the API: ${exchange.prismError.title}`, label);
      return undefined;
    }
    const { status, violations, truncated } = exchange;
    this.results.push({
      ...base,
      status,
      ms,
      violations,
      ...(truncated && { truncated }),
      ...('error' in outcome && { error: (outcome.error as Error).message }),
    });
    if (this.results.length === 1 && (status === 401 || status === 403)) {
      throw new TokenRefusedError(`the token was refused: ${operationId} answered ${status}`);
    }
    return 'value' in outcome ? { value: outcome.value } : undefined;
  }
}
