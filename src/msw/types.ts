// The types of `pachca-sdk/msw`, derived from the spec's types and the generated table: which
// statuses and example names each operation's mock accepts, and the body type of each status.
import type { HttpHandler } from 'msw';
import type { everyOperationResponses, mswOperations } from '../../generated/msw.js';
import type { components, operations } from '../../generated/schema.js';

type Table = typeof mswOperations;
type EveryOperation = typeof everyOperationResponses;

/** The operationIds of the spec: one handler and one `mock` function each. */
export type MockedOperationId = keyof Table;

/** The statuses the API documents for every operation (429, 5xx), in the spec's description. */
export type EveryOperationStatus = keyof EveryOperation & number;

type DeclaredStatusOf<K extends MockedOperationId> = keyof Table[K]['responses'] & number;

/** The statuses the spec declares for an operation, and those it documents for every operation. */
export type StatusOf<K extends MockedOperationId> = DeclaredStatusOf<K> | EveryOperationStatus;

/** The operation's success status, the one its default handler answers. */
export type SuccessOf<K extends MockedOperationId> = Extract<Table[K]['success'], StatusOf<K>>;

type ResponseOf<K extends MockedOperationId, S extends StatusOf<K>> =
  S extends DeclaredStatusOf<K> ? Table[K]['responses'][S] : S extends EveryOperationStatus ? EveryOperation[S] : never;

/** The names of the examples the spec gives for a status of an operation. */
export type ExampleOf<K extends MockedOperationId, S extends StatusOf<K>> =
  ResponseOf<K, S> extends {
    examples: infer E;
  }
    ? keyof E & string
    : never;

type Responses<K extends MockedOperationId> = operations[K]['responses'];

/**
 * The JSON body of a status of an operation, as the spec types it (`never` for a 204); the API's
 * error shape for a status documented for every operation.
 */
export type BodyOf<K extends MockedOperationId, S extends StatusOf<K>> = S extends keyof Responses<K>
  ? Responses<K>[S] extends { content: { 'application/json': infer B } }
    ? B
    : never
  : S extends EveryOperationStatus
    ? components['schemas']['ApiError']
    : never;

interface AnswerOptions<S> {
  /** A status the spec declares, or 429/5xx (documented for every operation); the success status by default. */
  status?: S;
  /** Extra or replaced response headers (the spec's `x-request-id` example is always set; a 429's `retry-after` is `1`). */
  headers?: Record<string, string>;
  /** Wait this long before answering, to show loading states. */
  delayMs?: number;
  /** Intercept at this base URL instead of the API's. */
  baseUrl?: string;
}

/** How one mocked operation answers: a named example of the status, or a body of your own. */
export type MockOptions<K extends MockedOperationId, S extends StatusOf<K>> = AnswerOptions<S> &
  (
    | { /** A named example of the status (the first one by default). */ example?: ExampleOf<K, S>; body?: never }
    | { /** The body to answer with, typed by the spec for the status. */ body: BodyOf<K, S>; example?: never }
  );

/** Makes the handler of one operation; use it with `server.use()` or `worker.use()`. */
export type MockFunction<K extends MockedOperationId> = <S extends StatusOf<K> = SuccessOf<K>>(
  options?: MockOptions<K, S>,
) => HttpHandler;

/** One function per operationId of the spec. */
export type Mock = { readonly [K in MockedOperationId]: MockFunction<K> };

export interface HandlersOptions {
  /** Intercept at this base URL instead of the API's, e.g. `http://localhost:3000/api`. */
  baseUrl?: string;
}
