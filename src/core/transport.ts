// The one fetch beneath openapi-fetch, for SDK methods and `client.raw` alike: middleware sees one
// logical request while this loop owns the attempts. Each attempt takes a rate-limiter slot, gets
// its own timeout and reads the whole body, so a stalled or reset body is caught like a stalled
// connection.
import { abortError, PachcaConnectionError, PachcaTimeoutError } from './errors.js';
import { retryDelay } from './backoff.js';
import type { Log } from './logging.js';
import type { RateLimiter } from './rate-limiter.js';
import { sleep } from './sleep.js';

const RETRYABLE_STATUSES = [429, 500, 502, 503, 504];

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  timeoutMs: number;
  rateLimiter?: RateLimiter;
  /** Absent unless logging is on; set once logging.ts has loaded, so read per call. */
  log?: Log | undefined;
}

/**
 * A response whose body the transport has read in full. text() and json() answer from memory, so
 * openapi-fetch does not read the bytes a second time; the rest read a copy.
 */
export class ReadResponse extends Response {
  readonly #text: string;
  readonly #headers: Headers;

  constructor(text: string, { status, statusText, headers }: Response) {
    // No body stream is built unless someone asks for one (arrayBuffer, blob, formData, body),
    // and the headers are the received ones, not a copy.
    super(null, { status, statusText });
    this.#text = text;
    this.#headers = headers;
  }

  override get headers(): Headers {
    return this.#headers;
  }
  /** The body as read, for the debug log. */
  get bodyText(): string {
    return this.#text;
  }
  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
  override json(): Promise<unknown> {
    return this.text().then(JSON.parse);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#copy().arrayBuffer();
  }
  override blob(): Promise<Blob> {
    return this.#copy().blob();
  }
  override formData(): Promise<FormData> {
    return this.#copy().formData();
  }
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#copy().body;
  }
  override clone(): ReadResponse {
    return new ReadResponse(this.#text, this);
  }
  #copy(): Response {
    // A 204 or 304 may not be given a body, not even an empty one.
    return new Response(this.#text || null, this);
  }
}

/** One attempt's fetch, read in full. */
async function fetchAndRead(
  fetch: typeof globalThis.fetch,
  request: Request,
  init: RequestInit,
): Promise<ReadResponse> {
  const response = await fetch(request, init);
  return new ReadResponse(await response.text(), response);
}

/**
 * What a call adds to its Request (openapi-fetch copies unknown init keys onto it): the caller's
 * own AbortSignal, and a per-call timeout. Without it (a middleware built a new Request), the
 * Request's signal stands for the caller's.
 */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** Sends a request, retrying what is safe to retry. */
export type Transport = (request: Request & { call?: CallOptions }) => Promise<ReadResponse>;

export function createTransport(settings: TransportSettings): Transport {
  const { fetch, maxRetries, timeoutMs, rateLimiter } = settings;
  /** One attempt: the response read in full (any status), or a connection/timeout error worth retrying. */
  function attempt(
    request: Request,
    body: ArrayBuffer | undefined,
    ms: number,
    signal?: AbortSignal,
  ): Promise<ReadResponse | PachcaConnectionError> {
    const controller = new AbortController();
    // The fetch races the timeout and the caller's abort, rather than being left to the fetch's
    // signal: undici can lose the link from our signal to the fetch after a GC (nodejs/undici#4068),
    // and the fetch then never settles. One promise settled by whichever comes first: a
    // Promise.race over a second promise costs more allocations per attempt. Adding a listener to
    // a fresh signal costs as much as the rest of an attempt's bookkeeping, so only a caller's
    // signal gets one.
    return new Promise((resolve, reject) => {
      const done = () => {
        // No controller.abort() after a response: it builds a DOMException, and nothing is left to stop.
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        controller.abort(signal?.reason);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        done();
        controller.abort();
        resolve(new PachcaTimeoutError(`${request.method} ${request.url} timed out after ${ms} ms`));
      }, ms);
      signal?.addEventListener('abort', onAbort);
      // The Request itself, not its URL and headers: undici then copies them without parsing and
      // validating them again. The body is the bytes read once, so a retry can resend them.
      fetchAndRead(fetch, request, { body, signal: controller.signal }).then(
        (response) => {
          done();
          resolve(response);
        },
        (error) => {
          done();
          if (signal?.aborted) {
            controller.abort(signal.reason);
            reject(error);
          } else
            resolve(
              new PachcaConnectionError(`${request.method} ${request.url} failed: ${describeFailure(error)}`, {
                cause: error,
              }),
            );
        },
      );
    });
  }

  return async (request) => {
    const { method } = request;
    const { log } = settings;
    const { signal, timeoutMs: ms = timeoutMs } = request.call ?? { signal: request.signal };
    // Read once: every attempt resends these bytes.
    const body = request.body ? await request.arrayBuffer() : undefined;
    try {
      for (let retries = 0; ; retries++) {
        signal?.throwIfAborted();
        // No await without a limiter: it would cost a step of the event loop per attempt.
        if (rateLimiter) await rateLimiter(signal);
        // A number only when logging: no clock read otherwise.
        const started = log && performance.now();
        const outcome = await attempt(request, body, ms, signal);
        const failed = outcome instanceof Error;
        // Retrying a POST could create a second user or tag.
        const attempts = method === 'POST' ? 1 : maxRetries + 1;
        const last = retries + 1 >= attempts || !(failed || RETRYABLE_STATUSES.includes(outcome.status));
        const retryAfter = last || failed ? null : outcome.headers.get('retry-after');
        const wait = last ? undefined : retryDelay(retries, retryAfter);
        if (log) log.attempt(request, body, outcome, retries + 1, attempts, started as number, wait, retryAfter);
        if (last) {
          if (failed) throw outcome;
          return outcome;
        }
        await sleep(wait as number, signal);
      }
    } catch (error) {
      // However the abort arrived (before an attempt, in the rate limiter, during a fetch or a
      // backoff wait), the caller gets one error type.
      if (signal?.aborted) throw abortError(`${method} ${request.url}`, signal);
      throw error;
    }
  };
}

/** undici hides the useful part (ECONNRESET, ECONNREFUSED, …) in `cause`. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = (error as Error)?.message ?? String(error);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message} (${detail})` : message;
}
