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
import { RateLimiter, type RateLimit } from './rate-limiter.js';
import { buildResources } from './resources.js';
import { Transport } from './transport.js';
import type { ListAllOptions } from './types.js';

const utf8 = new TextDecoder();

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

type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: string; error?: string; response: Response }>;

function environment(): Record<string, string | undefined> {
  return typeof process === 'object' && process?.env ? process.env : {};
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new PachcaConfigError(`\`${name}\` must be a number ≥ ${min}, got ${value}`);
  return value;
}

export interface Pachca extends Resources {}

export class Pachca {
  /** The typed openapi-fetch client, with the same auth, retries and timeouts, for anything the helpers don't cover. */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  // Private so that logging or serialising a client never shows the token.
  readonly #token: string | undefined;
  readonly #transport: Transport;
  readonly #maxPages: number;

  constructor(options: PachcaOptions = {}) {
    const env = environment();
    this.#token = options.token ?? env.PACHCA_TOKEN;
    this.baseUrl = (options.baseUrl ?? env.PACHCA_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    if (!/^https?:\/\//.test(this.baseUrl)) {
      // Redacted: a token passed as the base URL by mistake must not end up in logs.
      const error = new PachcaConfigError(`\`baseUrl\` must be an http(s) URL, got "${this.baseUrl}"`);
      throw redactToken(error, this.#token);
    }
    this.#maxPages = checkCount('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES, 1);
    const customFetch = options.fetch;
    this.#transport = new Transport({
      // Looked up per call, so fetch mocks installed after the client was built still apply.
      fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
      maxRetries: checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0),
      timeoutMs: checkCount('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1),
      ...(options.rateLimit ? { rateLimiter: new RateLimiter(options.rateLimit) } : {}),
    });
    this.raw = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: (request: Request) => this.#transport.send(request),
      headers: { Accept: 'application/json', 'User-Agent': `pachca-sdk/${VERSION}`, ...options.headers },
    });
    const token = this.#token;
    this.raw.use({
      onRequest({ request }) {
        if (!token) {
          throw new PachcaConfigError(
            'No Pachca access token: pass `new Pachca({ token })` or set the PACHCA_TOKEN environment variable.',
          );
        }
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
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
    if (!op) return Promise.reject(new PachcaInputError(`Unknown operation \`${operationId}\``));
    if ('paginated' in op) {
      const load = (cursor: string | undefined) =>
        this.#call(op, { ...input, query: { ...input.query, ...(cursor ? { cursor } : {}) } }, options) as Promise<{
          data: unknown[];
          meta: unknown;
        }>;
      return new PagePromise(load, options.maxPages ?? this.#maxPages) as unknown as Promise<unknown>;
    }
    return this.#call(op, input, options);
  }

  async #call(op: OperationRow, input: OperationInput, options: ListAllOptions): Promise<unknown> {
    try {
      const prepared = await prepareRequest(op, input);
      const send = this.raw.request as unknown as UntypedRequest;
      let body: ArrayBuffer | null = null;
      const { response } = await send(op.method.toLowerCase(), op.path, {
        params: { path: prepared.path, query: prepared.query },
        body: prepared.body,
        // The transport has read the body already: keep its bytes rather than wrap them in a
        // stream for openapi-fetch to read a second time.
        parseAs: 'stream',
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        fetch: async (request: Request) => {
          const call = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
          const { body: bytes, ...init } = await this.#transport.exchange(request, call);
          body = bytes;
          return new Response(null, init);
        },
      });
      const text = body === null ? undefined : utf8.decode(body);
      return readResult(op, response, text, this.baseUrl + prepared.resolvedPath);
    } catch (error) {
      throw redactToken(error, this.#token);
    }
  }
}
