// The retrying, timing-out fetch beneath openapi-fetch: middleware sees one logical request while
// this loop owns the attempts. Each attempt takes a rate-limiter slot, gets its own timeout and
// reads the whole body, so a stalled or reset body is caught like a stalled connection.
import { PachcaAbortError, PachcaConnectionError, PachcaTimeoutError } from './errors.js';
import { retryDelay } from './backoff.js';
import type { RateLimiter } from './rate-limiter.js';
import { sleep } from './sleep.js';

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  timeoutMs: number;
  rateLimiter?: RateLimiter;
}

/** A response whose body has been read in full: as text, since the API answers in JSON only. */
export interface BufferedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: string | undefined;
}

/** Sends a request, retrying what is safe to retry; resolves with the response read in full. */
export type Exchange = (request: Request, timeoutMs?: number) => Promise<BufferedResponse>;

export function createTransport({ fetch, maxRetries, timeoutMs: defaultTimeoutMs, rateLimiter }: TransportSettings): Exchange {
  async function fetchAndRead(request: Request, body: ArrayBuffer | undefined, signal: AbortSignal): Promise<BufferedResponse> {
    const response = await fetch(new Request(request, { body, signal }));
    const text = await response.text();
    const { status, statusText, headers } = response;
    // A Response for 204 or 304 may not be given a body, not even an empty one.
    return { status, statusText, headers, body: status === 204 || status === 304 ? undefined : text };
  }

  /** One attempt: a response (any status) or a connection/timeout error worth retrying. */
  async function attempt(request: Request, body: ArrayBuffer | undefined, timeoutMs: number): Promise<BufferedResponse | PachcaConnectionError> {
    const callerSignal = request.signal;
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', forwardAbort, { once: true });
    // Resolves at the timeout, rejects on an abort. Raced rather than left to the fetch: undici
    // can lose the link from a copied Request's signal to ours after a GC (nodejs/undici#4068),
    // and the fetch then never settles.
    const deadline = sleep(timeoutMs, controller.signal);
    try {
      const response = await Promise.race([fetchAndRead(request, body, controller.signal), deadline]);
      return response ?? new PachcaTimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms`);
    } catch (error) {
      if (callerSignal.aborted) throw error;
      return new PachcaConnectionError(`${request.method} ${request.url} failed: ${describeFailure(error)}`, { cause: error });
    } finally {
      // Stops whatever still runs: the deadline's timer, or a fetch that timed out.
      controller.abort();
      callerSignal.removeEventListener('abort', forwardAbort);
    }
  }

  return async (request, timeoutMs = defaultTimeoutMs) => {
    const signal = request.signal;
    // Read once: every attempt resends these bytes, so no attempt has to clone the request.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    try {
      for (let retries = 0; ; retries++) {
        // A signal added to a Request later is not seen by the abort listener: check it now.
        signal.throwIfAborted();
        await rateLimiter?.(signal);
        const outcome = await attempt(request, body, timeoutMs);
        // Retrying a POST could create a second user or tag.
        const retryable =
          request.method !== 'POST' &&
          retries < maxRetries &&
          (outcome instanceof Error || RETRYABLE_STATUSES.has(outcome.status));
        if (!retryable) {
          if (outcome instanceof Error) throw outcome;
          return outcome;
        }
        const retryAfter = outcome instanceof Error ? null : outcome.headers.get('retry-after');
        await sleep(retryDelay(retries, retryAfter), signal);
      }
    } catch (error) {
      // However the abort arrived (before an attempt, in the rate limiter, during a fetch or a
      // backoff wait), the caller gets one error type.
      if (signal.aborted) throw new PachcaAbortError(`${request.method} ${request.url} was aborted`, { cause: signal.reason });
      throw error;
    }
  };
}

/** undici hides the useful part (ECONNRESET, ECONNREFUSED, …) in `cause`. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message} (${detail})` : message;
}
