// The retrying, timing-out fetch beneath openapi-fetch: middleware sees one logical request while
// this loop owns the attempts. Each attempt takes a rate-limiter slot, gets its own timeout and
// reads the whole body, so a stalled or reset body is caught like a stalled connection.
import { PachcaAbortError, PachcaConnectionError, PachcaTimeoutError } from './errors.js';
import { retryDelay } from './backoff.js';
import type { RateLimiter } from './rate-limiter.js';
import { sleep } from './sleep.js';

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
// Retrying a POST could create a second user or tag.
const NEVER_RETRIED = new Set(['POST']);

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  timeoutMs: number;
  rateLimiter?: RateLimiter;
}

/** A response whose body has been read in full. */
export interface BufferedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: ArrayBuffer | null;
}

/** Per-call overrides of the client's settings. */
export interface CallSettings {
  timeoutMs?: number;
  maxRetries?: number;
}

export class Transport {
  constructor(readonly settings: TransportSettings) {}

  /** Sends `request`, retrying what is safe to retry; resolves with a fully read response. */
  async send(request: Request, call: CallSettings = {}): Promise<Response> {
    const { body, ...init } = await this.exchange(request, call);
    return new Response(body, init);
  }

  /** send() without wrapping the read body in a new Response, for callers that just want the bytes. */
  async exchange(request: Request, call: CallSettings = {}): Promise<BufferedResponse> {
    const maxRetries = call.maxRetries ?? this.settings.maxRetries;
    const callerSignal = request.signal;
    // Read once: every attempt resends these bytes, so no attempt has to clone the request.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(request, body, call.timeoutMs ?? this.settings.timeoutMs);
      const retryable =
        !NEVER_RETRIED.has(request.method) &&
        attempt < maxRetries &&
        (outcome instanceof Error || RETRYABLE_STATUSES.has(outcome.status));
      if (!retryable) {
        if (outcome instanceof Error) throw outcome;
        return outcome;
      }
      const retryAfter = outcome instanceof Error ? null : outcome.headers.get('retry-after');
      await sleep(retryDelay(attempt, retryAfter), callerSignal).catch((reason) => {
        throw abortError(request, reason);
      });
    }
  }

  /** One attempt: a response (any status) or a connection/timeout error worth retrying. */
  async #attempt(request: Request, body: ArrayBuffer | undefined, timeoutMs: number): Promise<BufferedResponse | PachcaConnectionError> {
    const callerSignal = request.signal;
    // A signal added to a Request later is not seen by the abort listener below: check it now.
    if (callerSignal.aborted) throw abortError(request, callerSignal.reason);
    await this.settings.rateLimiter?.acquire(callerSignal).catch((reason) => {
      throw abortError(request, reason);
    });
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', forwardAbort, { once: true });
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    // undici can lose the link from a copied Request's signal to ours after a GC
    // (nodejs/undici#4068), and the fetch then never settles: race the abort ourselves.
    let stopWaiting = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stopWaiting = () => controller.signal.removeEventListener('abort', onAbort);
      const onAbort = () => reject(controller.signal.reason);
      controller.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.#fetchAndRead(request, body, controller.signal), aborted]);
    } catch (error) {
      if (callerSignal.aborted) throw abortError(request, callerSignal.reason);
      if (controller.signal.aborted) {
        return new PachcaTimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms`);
      }
      return new PachcaConnectionError(`${request.method} ${request.url} failed: ${describeFailure(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      stopWaiting();
      callerSignal.removeEventListener('abort', forwardAbort);
    }
  }

  async #fetchAndRead(request: Request, body: ArrayBuffer | undefined, signal: AbortSignal): Promise<BufferedResponse> {
    const response = await this.settings.fetch(new Request(request, { body, signal }));
    const bytes = await response.arrayBuffer();
    const hasNoBody = response.status === 204 || response.status === 304;
    return { status: response.status, statusText: response.statusText, headers: response.headers, body: hasNoBody ? null : bytes };
  }
}

function abortError(request: Request, reason: unknown): PachcaAbortError {
  return new PachcaAbortError(`${request.method} ${request.url} was aborted`, { cause: reason });
}

/** undici hides the useful part (ECONNRESET, ECONNREFUSED, …) in `cause`. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message} (${detail})` : message;
}
