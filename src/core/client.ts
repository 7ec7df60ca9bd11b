// The Pachca client: configuration, the openapi-fetch client over the one transport, and the
// generic `request()` every resource method goes through. One call, step by step:
//   client.users.get(12)               resources.ts: positional arguments → an OperationInput
//   → client.request('getUser', input) the operation's row; a list becomes a PagePromise of pages
//   → #callOperation(op, input)        one page: the input checked and encoded, the answer read
//   → the token check; #failure(…)     any failure becomes a redacted PachcaError
//   → openapi-fetch request()          → transport.ts: rate limit, timeout, retries, fetch
// `client.raw` enters at #sendRaw, which has the same token check and errors.
import createClient, { type Client } from 'openapi-fetch';
import { operations, type OperationId } from '../../generated/operations.js';
import type { Resources } from '../../generated/resources.js';
import type { paths } from '../../generated/schema.js';
import { VERSION } from '../../generated/version.js';
import {
  abortError,
  PachcaConfigError,
  PachcaError,
  PachcaInputError,
  PachcaTokenError,
  redactToken,
} from './errors.js';
import { logRank, type Logger, type LogLevel } from './log-settings.js';
import type { Log } from './logging.js';
import { retryAfterMs } from './backoff.js';
import { PATH_PARAM } from './names.js';
import { redact } from './redact.js';
import {
  prepareRequest,
  readResult,
  routeOf,
  type OperationInput,
  type OperationRow,
  type TextResult,
} from './operation.js';
import { DEFAULT_MAX_PAGES, PagePromise } from './pagination.js';
import { createRateLimiter, type RateLimit } from './rate-limiter.js';
import { buildResources } from './resources.js';
import { tokenProblem } from './token.js';
import { createTransport, type TransportSettings } from './transport.js';
import type { ListAllOptions } from './types.js';

export const DEFAULT_BASE_URL = 'https://api.pachca.com/api/shared/v1';
/** The base URLs the SDK and the CLI accept: http(s), with a host. */
export const HTTP_URL = /^https?:\/\/[^/]/;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

export interface PachcaOptions {
  /** Access token; defaults to the PACHCA_TOKEN environment variable. */
  token?: string;
  /** API base URL; defaults to PACHCA_BASE_URL, then the production API. */
  baseUrl?: string;
  /** Per-attempt timeout in ms (default 30,000). */
  timeoutMs?: number;
  /** Retries of 429, 5xx and network failures (default 2). POST is never retried. */
  maxRetries?: number;
  /** A fetch implementation to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Client-side rate limit shared by every call of this client, e.g. `{ requestsPerSecond: 50 }`. */
  rateLimit?: RateLimit;
  /** Pagination stops with an error after this many pages (default 1,000). */
  maxPages?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * What to log: `debug` (each attempt, with bodies), `info` (each call), `warn` (retries and
   * rate-limit waits), `error` (failed calls) or `off`. Defaults to PACHCA_LOG, else `off`
   * (`warn` when a `logger` is given). The token never appears in a line.
   */
  logLevel?: LogLevel;
  /** Where log lines go: anything with `debug`, `info`, `warn` and `error` methods (default `console`). */
  logger?: Logger;
}

/** openapi-fetch's `request()` without the per-path types: the table drives these calls. */
type Send = (method: string, path: string, init?: { signal?: AbortSignal }) => Promise<TextResult>;

/** Looked up per call, so fetch mocks installed after the client was built still apply. */
const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** openapi-fetch's client with every call going through `send`: its HTTP-method functions are its upper-case keys. */
function rawClient(client: Client<paths>, send: Send): Client<paths> {
  const raw: Record<string, unknown> = { ...client, request: send };
  for (const key of Object.keys(client))
    if (key === key.toUpperCase()) raw[key] = (path: string, init?: object) => send(key, path, init);
  return raw as unknown as Client<paths>;
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min)
    throw new PachcaConfigError(`${name} must be a number >= ${min}, got ${value}`);
  return value;
}

export interface Pachca extends Resources {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns the resource groups built from the generated table; this interface gives them their types.
export class Pachca {
  /** The typed openapi-fetch client, with the same auth, retries, timeouts and errors, for anything the helpers don't cover. */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  // Private fields, so that logging or serialising a client never shows the token.
  readonly #token: string | undefined;
  readonly #tokenProblem: string | undefined;
  readonly #maxPages: number;
  /** Absent when logging is off (the default), and until logging.ts has loaded. */
  #log: Log | undefined;
  /** Set while logging.ts loads; calls wait for it, so that none goes unlogged. */
  #logLoading: Promise<void> | undefined;
  /** openapi-fetch's `request()`, over the transport: the last step of every call. */
  readonly #openapiRequest: Send;

  constructor(options: PachcaOptions = {}) {
    // Browsers and edge runtimes have no `process`.
    const env: Record<string, string | undefined> = globalThis.process?.env ?? {};
    const token = options.token ?? env.PACHCA_TOKEN;
    const baseUrl = (options.baseUrl ?? env.PACHCA_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    // Redacted: a token passed as the base URL by mistake must not end up in logs.
    if (!HTTP_URL.test(baseUrl))
      throw redactToken(new PachcaConfigError(`baseUrl must be an http(s) URL, got "${baseUrl}"`), token);
    this.baseUrl = baseUrl;
    this.#token = token;
    this.#tokenProblem = tokenProblem(token);
    this.#maxPages = checkCount('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES, 1);
    const rank = logRank(options.logLevel, env.PACHCA_LOG, options.logger);
    const transport: TransportSettings = {
      fetch: options.fetch ?? globalFetch,
      maxRetries: checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0),
      timeoutMs: checkCount('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1),
      ...(options.rateLimit && { rateLimiter: createRateLimiter(options.rateLimit) }),
    };
    if (rank !== undefined)
      this.#logLoading = import('./logging.js').then(({ Log }) => {
        this.#log = transport.log = new Log(
          rank,
          options.logger ?? console,
          (line) => redact(line, token),
          retryAfterMs,
        );
        this.#logLoading = undefined;
      });
    const client = createClient<paths>({
      baseUrl,
      fetch: createTransport(transport) as typeof fetch,
      headers: {
        Accept: 'application/json',
        'User-Agent': `pachca-sdk/${VERSION}`,
        ...options.headers,
        ...(!this.#tokenProblem && { Authorization: `Bearer ${token}` }),
      },
    });
    this.#openapiRequest = client.request as Send;
    this.raw = rawClient(client, this.#sendRaw.bind(this));
    Object.assign(this, buildResources(this));
  }

  /**
   * Calls any operation by its operationId with the API's own parameter names. Resolves like the
   * matching resource method: unwrapped `data`, `null`, `undefined` for 204, or a page for lists.
   */
  request(operationId: OperationId, input: OperationInput = {}, options: ListAllOptions = {}): Promise<unknown> {
    const op: OperationRow | undefined = operations[operationId];
    if (!op) return Promise.reject(new PachcaInputError(`Unknown operation ${operationId}`));
    if (!('paginated' in op)) return this.#callOperation(op, input, options);
    // Later pages add their cursor to the caller's query; the first page keeps the caller's own.
    const load = (cursor?: string) =>
      this.#callOperation(op, cursor ? { ...input, query: { ...input.query, cursor } } : input, options) as Promise<{
        data: unknown[];
        meta: unknown;
      }>;
    return new PagePromise(load, options.maxPages ?? this.#maxPages) as unknown as Promise<unknown>;
  }

  /** One call of an operation (one page of a list): the input encoded, sent, the answer read. */
  async #callOperation(
    op: OperationRow,
    input: OperationInput,
    { headers, signal, timeoutMs, onResponse }: ListAllOptions,
  ): Promise<unknown> {
    // No other closures or async steps here: this runs once per call (see bench/overhead-layers.ts).
    // With logging off, the log steps cost a test each: no clock read, no string.
    const { method, path } = routeOf(op);
    if (this.#logLoading) await this.#logLoading;
    const log = this.#log;
    const started = log && performance.now();
    // The query string is left out of errors and call lines: it may hold search text, and the path names the call.
    const url = () => this.baseUrl + path.replace(PATH_PARAM, (_, name: string) => String(input.path?.[name]));
    try {
      // Nothing is sent with a bad token.
      if (this.#tokenProblem) throw new PachcaTokenError(this.#tokenProblem);
      const init = {
        ...(await prepareRequest(op, input)),
        headers,
        signal,
        parseAs: 'text',
        call: { signal, timeoutMs },
      };
      const answer = await this.#openapiRequest(method, path, init);
      if (onResponse) onResponse(answer.response);
      const result = readResult(op, url, answer);
      if (log) log.call(method, url(), answer.response, started as number);
      return result;
    } catch (error) {
      const failure = this.#failure(error, method, path, signal);
      if (log) log.failed(method, url(), failure, started as number);
      throw failure;
    }
  }

  /** A call through `client.raw`: openapi-fetch's own arguments, with the same token check and errors. */
  async #sendRaw(method: string, path: string, init: { signal?: AbortSignal } = {}): Promise<TextResult> {
    if (this.#logLoading) await this.#logLoading;
    const log = this.#log;
    const started = log && performance.now();
    try {
      if (this.#tokenProblem) throw new PachcaTokenError(this.#tokenProblem);
      const answer = await this.#openapiRequest(method, path, init);
      if (log) log.call(method, this.baseUrl + path, answer.response, started as number);
      return answer;
    } catch (error) {
      const failure = this.#failure(error, method, path, init.signal);
      if (log) log.failed(method, this.baseUrl + path, failure, started as number);
      throw failure;
    }
  }

  /**
   * What every call, from a resource method or from `raw`, rejects with: whatever failed (the
   * network, a custom fetch, a middleware, a timeout, an abort) becomes a PachcaError that does
   * not hold the token.
   */
  #failure(error: unknown, method: string, path: string, signal: AbortSignal | undefined): PachcaError {
    return redactToken(
      error instanceof PachcaError
        ? error
        : signal?.aborted
          ? abortError(`${method} ${path}`, signal)
          : new PachcaError(`${method} ${path} failed: ${(error as Error)?.message ?? error}`, { cause: error }),
      this.#token,
    );
  }
}
