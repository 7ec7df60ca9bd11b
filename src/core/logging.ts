// What the SDK tells a logger about its calls, once logging is on (log-settings.ts reads
// `logLevel`, `logger` and PACHCA_LOG). Loaded on demand, so an app that never logs never downloads it.
// Each line starts with `pachca-sdk:` and passes through the token redaction (redact.ts):
//   debug  one per attempt: method, URL, status, request id, duration, attempt number, the
//          retry's reason and wait, and the request and response bodies (cut at BODY_LIMIT)
//   info   one per successful call: method, URL, status, request id, duration
//   warn   one per retry, with its reason and wait (a 429's wait is the server's rate limit)
//   error  one per failed call: the error the caller gets, with its class and message
// It imports no code: a module shared with the rest of the SDK would become a chunk of its own,
// loaded up front, so the client hands in the redaction and the Retry-After reader.
import type { Logger } from './log-settings.js';
import type { ReadResponse } from './transport.js';

/** A body longer than this is cut in debug lines. */
export const BODY_LIMIT = 2_000;

const DEBUG = 0;
const INFO = 1;
const WARN = 2;
const ERROR = 3;
const METHODS = ['debug', 'info', 'warn', 'error'] as const;

/** An attempt's response, read in full, or what kept it from getting one. */
type Outcome = ReadResponse | Error;

const since = (started: number) => `${Math.round(performance.now() - started)} ms`;

function clip(text: string): string {
  return text.length > BODY_LIMIT
    ? `${text.slice(0, BODY_LIMIT)}… (${text.length - BODY_LIMIT} more characters)`
    : text;
}

/** A request body as a debug line shows it: the text, or the size of a multipart form. */
function requestBody(request: Request, body: ArrayBuffer | undefined): string {
  if (!body?.byteLength) return '';
  const type = request.headers.get('content-type') ?? '';
  const text = type.startsWith('multipart/')
    ? `(${type.split(';')[0]}, ${body.byteLength} bytes)`
    : clip(new TextDecoder().decode(body));
  return `; sent ${text}`;
}

export class Log {
  readonly #rank: number;
  readonly #logger: Logger;
  readonly #redact: (line: string) => string;
  readonly #retryAfterMs: (header: string | null) => number | undefined;

  /**
   * `redact` takes the token out of a line (redact.ts with the client's token); `retryAfterMs`
   * (backoff.ts) tells whether a wait came from the server's Retry-After.
   */
  constructor(
    rank: number,
    logger: Logger,
    redact: (line: string) => string,
    retryAfterMs: (header: string | null) => number | undefined,
  ) {
    this.#rank = rank;
    this.#logger = logger;
    this.#redact = redact;
    this.#retryAfterMs = retryAfterMs;
  }

  #write(level: number, line: string): void {
    this.#logger[METHODS[level] as (typeof METHODS)[number]](this.#redact(`pachca-sdk: ${line}`));
  }

  /**
   * One attempt of the transport. `wait` is the pause before the next attempt (undefined: none
   * follows); `retryAfter` is the response's Retry-After header, if any.
   */
  attempt(
    request: Request,
    body: ArrayBuffer | undefined,
    outcome: Outcome,
    attempt: number,
    attempts: number,
    started: number,
    wait: number | undefined,
    retryAfter: string | null,
  ): void {
    const retried = wait !== undefined;
    if (this.#rank > DEBUG && !(retried && this.#rank <= WARN)) return;
    const { method, url } = request;
    const head =
      outcome instanceof Response
        ? `${method} ${url} → ${statusOf(outcome)}`
        : `${method} ${url} → ${outcome.message.replace(`${method} ${url} `, '')}`;
    const counted = `${head}, ${since(started)}, attempt ${attempt} of ${attempts}`;
    const retry = retried
      ? `; ${reasonOf(outcome)}, retrying in ${Math.round(wait)} ms (${
          this.#retryAfterMs(retryAfter) === undefined ? 'backoff' : `Retry-After: ${retryAfter}`
        })`
      : '';
    if (this.#rank === DEBUG) {
      const received = outcome instanceof Response ? outcome.bodyText : '';
      this.#write(
        DEBUG,
        `${counted}${retry}${requestBody(request, body)}${received ? `; received ${clip(received)}` : ''}`,
      );
    }
    if (retried) this.#write(WARN, `${counted}${retry}`);
  }

  /** A call that ended with a response (info), or failed (error: a non-2xx `raw` answer). */
  call(method: string, url: string, response: Response, started: number): void {
    const level = response.ok ? INFO : ERROR;
    if (this.#rank > level) return;
    this.#write(level, `${method} ${url} → ${statusOf(response)}, ${since(started)}`);
  }

  /** A call that rejected: with the error the caller gets, already redacted. */
  failed(method: string, url: string, error: Error, started: number): void {
    this.#write(ERROR, `${method} ${url} failed after ${since(started)}: ${error.name}: ${error.message}`);
  }
}

/** `503 Service Unavailable, request id r-1`. */
function statusOf({ status, statusText, headers }: Response): string {
  const id = headers.get('x-request-id');
  return `${status}${statusText ? ` ${statusText}` : ''}${id ? `, request id ${id}` : ''}`;
}

function reasonOf(outcome: Outcome): string {
  if (!(outcome instanceof Response)) return outcome.name === 'PachcaTimeoutError' ? 'timed out' : 'connection failed';
  return outcome.status === 429 ? 'rate limited' : 'server error';
}
