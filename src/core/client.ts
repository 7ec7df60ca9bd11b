// The Pachca client: configuration, the openapi-fetch transport stack and the generic
// `request()` every resource method goes through.
import createClient, { type Client } from 'openapi-fetch';
import { operations, type OperationId } from '../../generated/operations.js';
import type { Resources } from '../../generated/resources.js';
import type { paths } from '../../generated/schema.js';
import { VERSION } from '../version.js';
import { PachcaConfigError, PachcaInputError, redactToken } from './errors.js';
import { prepareRequest, readResult, type OperationInput, type OperationRow } from './operation.js';
import { DEFAULT_MAX_PAGES, PagePromise } from './pagination.js';
import { createRateLimiter, type RateLimit } from './rate-limiter.js';
import { buildResources } from './resources.js';
import { createTransport, type BufferedResponse, type Exchange } from './transport.js';
import type { ListAllOptions } from './types.js';

export const DEFAULT_BASE_URL = 'https://api.pachca.com/api/shared/v1';
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
}

/** openapi-fetch's `request()` without the per-path types: the table drives these calls. */
type UntypedRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new PachcaConfigError(`${name} must be a number >= ${min}, got ${value}`);
  return value;
}

export interface Pachca extends Resources {}

export class Pachca {
  /** The typed openapi-fetch client, with the same auth, retries and timeouts, for anything the helpers don't cover. */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  // Private so that logging or serialising a client never shows the token.
  readonly #token: string | undefined;
  readonly #exchange: Exchange;
  readonly #maxPages: number;

  constructor(options: PachcaOptions = {}) {
    // Browsers and edge runtimes have no `process`.
    const env: Record<string, string | undefined> = globalThis.process?.env ?? {};
    const token = options.token ?? env.PACHCA_TOKEN;
    const baseUrl = (options.baseUrl ?? env.PACHCA_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    // Redacted: a token passed as the base URL by mistake must not end up in logs.
    if (!/^https?:\/\//.test(baseUrl)) throw redactToken(new PachcaConfigError(`baseUrl must be an http(s) URL, got "${baseUrl}"`), token);
    this.#token = token;
    this.baseUrl = baseUrl;
    this.#maxPages = checkCount('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES, 1);
    const exchange = createTransport({
      // Looked up per call, so fetch mocks installed after the client was built still apply.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      maxRetries: checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0),
      timeoutMs: checkCount('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1),
      ...(options.rateLimit && { rateLimiter: createRateLimiter(options.rateLimit) }),
    });
    this.#exchange = exchange;
    this.raw = createClient<paths>({
      baseUrl,
      // The raw client gets a Response back; SDK calls take the bytes directly (see #call).
      fetch: async (request: Request) => {
        const received = await exchange(request);
        return new Response(received.body, received);
      },
      headers: { Accept: 'application/json', 'User-Agent': `pachca-sdk/${VERSION}`, ...options.headers },
    });
    this.raw.use({
      onRequest({ request }) {
        if (!token) throw new PachcaConfigError('No access token: pass { token } to new Pachca() or set PACHCA_TOKEN');
        request.headers.set('Authorization', `Bearer ${token}`);
      },
    });
    Object.assign(this, buildResources(this));
  }

  /**
   * Calls any operation by its operationId with the API's own parameter names. Resolves like the
   * matching resource method: unwrapped `data`, `null`, `undefined` for 204, or a page for lists.
   */
  request(operationId: OperationId, input: OperationInput = {}, options: ListAllOptions = {}): Promise<unknown> {
    const op: OperationRow | undefined = operations[operationId];
    if (!op) return Promise.reject(new PachcaInputError(`Unknown operation ${operationId}`));
    if (!('paginated' in op)) return this.#call(op, input, options);
    // Later pages add their cursor to the caller's query; the first page keeps the caller's own.
    const load = (cursor?: string) =>
      this.#call(op, cursor ? { ...input, query: { ...input.query, cursor } } : input, options) as Promise<{ data: unknown[]; meta: unknown }>;
    return new PagePromise(load, options.maxPages ?? this.#maxPages) as unknown as Promise<unknown>;
  }

  async #call(op: OperationRow, input: OperationInput, options: ListAllOptions): Promise<unknown> {
    try {
      const [method, path] = op.route.split(' ') as [string, string];
      const send = this.raw.request as unknown as UntypedRequest;
      let sent!: Request;
      let received!: BufferedResponse;
      await send(method, path, {
        ...(await prepareRequest(op, input)),
        headers: options.headers,
        signal: options.signal,
        // The transport has read the body already: openapi-fetch gets an empty response to pass
        // through, and the bytes are read here, once.
        parseAs: 'stream',
        fetch: async (request: Request) => {
          sent = request;
          received = await this.#exchange(request, options.timeoutMs);
          return new Response(null, received);
        },
      });
      return readResult(op, sent, received);
    } catch (error) {
      throw redactToken(error, this.#token);
    }
  }
}
