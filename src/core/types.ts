// Types derived from the generated spec types: what each operation takes and returns.
import type { operations } from '../../generated/schema.js';
import type { SdkQuery } from './names.js';

export type { OperationId } from '../../generated/operations.js';
export type { components, operations, paths } from '../../generated/schema.js';

type Ops = operations;
type SuccessCode = 200 | 201;
type Responses<K extends keyof Ops> = Ops[K]['responses'];
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessBody<K extends keyof Ops> = {
  [C in SuccessCode & keyof Responses<K>]: JsonOf<Responses<K>[C]>;
}[SuccessCode & keyof Responses<K>];

/** Query parameters of an operation, as SDK callers pass them. */
export type QueryOf<K extends keyof Ops> = SdkQuery<NonNullable<Ops[K]['parameters']['query']>>;

/** JSON request body of an operation. */
export type BodyOf<K extends keyof Ops> = Ops[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The unwrapped `data` of an operation's success response. */
export type DataOf<K extends keyof Ops> = NonNullable<SuccessBody<K>> extends { data: infer D } ? D : never;

/** One item of a list operation. */
export type ItemOf<K extends keyof Ops> = DataOf<K> extends (infer I)[] ? I : never;

/** The `meta` of a list operation's page. */
export type MetaOf<K extends keyof Ops> = NonNullable<SuccessBody<K>> extends { meta: infer M } ? M : never;

/** A file to upload: bytes, a Blob/File, or (in Node.js) a filesystem path. */
export type UploadInput = Blob | Uint8Array | ArrayBuffer | string;

/** Per-call options accepted as the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call, including any retry wait. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /**
   * Called with the call's HTTP response (the last attempt's, success or not) before its result
   * is read; for a list, once per page. `response.headers.get('x-request-id')` is the request id.
   */
  onResponse?: (response: Response) => void;
}

/** Options of `listAll*` methods. */
export interface ListAllOptions extends RequestOptions {
  /** Stop with an error after this many pages (default: the client's `maxPages`, 1,000). */
  maxPages?: number;
}

export type { Page, PagePromise } from './pagination.js';
