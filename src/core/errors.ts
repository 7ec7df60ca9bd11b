// The SDK's error classes. Every error the SDK throws is a PachcaError; API errors carry the
// status, the request id and the parsed body. No error ever holds the access token.
import type { components } from '../../generated/schema.js';
import { redact } from './redact.js';

type Schemas = components['schemas'];

/** One field problem of a 400/402/404/422 response (`errors[]`); `code` is an open set. */
export type ApiErrorItem = Schemas['ApiErrorItem'];

export class PachcaError extends Error {
  override name = 'PachcaError';
}

/** The client is missing something it needs, such as the access token. */
export class PachcaConfigError extends PachcaError {
  override name = 'PachcaConfigError';
}

/** The access token is missing or cannot be sent in an HTTP header; found before any request. */
export class PachcaTokenError extends PachcaConfigError {
  override name = 'PachcaTokenError';
}

/** An argument was rejected before any request was sent (for example a missing upload file). */
export class PachcaInputError extends PachcaError {
  override name = 'PachcaInputError';
}

/** Pagination could not go on safely: a repeated cursor or too many pages. */
export class PachcaPaginationError extends PachcaError {
  override name = 'PachcaPaginationError';
}

/** The request never got a response: DNS, refused or reset connection, broken body. */
export class PachcaConnectionError extends PachcaError {
  override name = 'PachcaConnectionError';
}

/** An attempt took longer than its timeout. */
export class PachcaTimeoutError extends PachcaConnectionError {
  override name = 'PachcaTimeoutError';
}

/** The caller's AbortSignal cancelled the call. */
export class PachcaAbortError extends PachcaError {
  override name = 'PachcaAbortError';
}

/** What an aborted call rejects with, wherever the abort arrived; `what` names the request. */
export const abortError = (what: string, signal: AbortSignal): PachcaAbortError =>
  new PachcaAbortError(`${what} was aborted`, { cause: signal.reason });

/** A success status with a body that is not the JSON the spec promises. */
export class PachcaInvalidResponseError extends PachcaError {
  override name = 'PachcaInvalidResponseError';
  // `declare`: set by Object.assign below, so no field initialisers are emitted.
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  /** The start of the raw body, for diagnosis. */
  declare readonly bodyText: string;

  constructor(message: string, fields: { status: number; requestId: string | undefined; bodyText: string }) {
    super(message);
    Object.assign(this, fields);
  }
}

/**
 * Replaces every occurrence of the token in an error's message, stack, cause and fields, and in
 * those of its causes: logging an error prints its causes, e.g. a fetch failure that quoted the
 * request's headers.
 */
export function redactToken<E>(error: E, token: string | undefined): E {
  if (!token || !(error instanceof Error)) return error;
  const { cause } = error;
  // Our errors' fields reach JSON and logs, and a server may echo the token into them (bodyText,
  // errors[].value, error_description). Other errors' fields may not survive JSON.stringify.
  const keys = ['message', 'stack', ...(error instanceof PachcaError ? Object.keys(error) : [])];
  if (cause instanceof Error) {
    if (cause !== error) redactToken(cause, token);
  } else keys.push('cause');
  for (const key of keys) {
    const json = JSON.stringify((error as unknown as Record<string, unknown>)[key]);
    // Defined rather than assigned: a DOMException's message is a getter without a setter.
    if (json?.includes(token)) {
      Object.defineProperty(error, key, {
        value: JSON.parse(redact(json, token)),
        writable: true,
        configurable: true,
        enumerable: Object.keys(error).includes(key),
      });
    }
  }
  return error;
}

export interface ApiErrorInit {
  status: number;
  method: string;
  url: string;
  headers: Headers;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** The API answered with a non-success status. */
export class PachcaApiError extends PachcaError {
  override name = 'PachcaApiError';
  // `declare`: set by Object.assign in the constructor, so no field initialisers are emitted.
  declare readonly status: number;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly headers: Headers;
  /** Parsed JSON body, or the raw text when the body was not JSON (`''` when empty). */
  declare readonly body: unknown;
  /** The `x-request-id` response header: quote it to support. */
  declare readonly requestId: string | undefined;
  /** Field errors of `{errors: [...]}` bodies; empty for other shapes. */
  declare readonly errors: ApiErrorItem[];
  /** `error` of `{error, error_description}` bodies (for example `invalid_token`). */
  declare readonly error: string | undefined;
  declare readonly errorDescription: string | undefined;

  constructor(init: ApiErrorInit) {
    const body = init.body as Partial<Schemas['ApiError'] & Schemas['OAuthError']> | null;
    const fields = {
      requestId: init.headers.get('x-request-id') ?? undefined,
      errors: Array.isArray(body?.errors) ? body.errors : [],
      error: typeof body?.error === 'string' ? body.error : undefined,
      errorDescription: typeof body?.error_description === 'string' ? body.error_description : undefined,
    };
    super(describe(init, fields));
    Object.assign(this, init, fields);
  }

  /** The first field error, if any: `err.field?.key === 'email'`. */
  get field(): ApiErrorItem | undefined {
    return this.errors[0];
  }

  /** What support needs: every field but the headers and the raw body, plus the message. */
  toJSON(): Record<string, unknown> {
    const { headers, body, ...fields } = this;
    return { ...fields, message: this.message };
  }
}

/** `422 PUT …/users/5 — email: has already been taken (taken) — and 1 more — request id r-1`. */
function describe(
  init: ApiErrorInit,
  {
    requestId,
    errors,
    error,
    errorDescription,
  }: Pick<PachcaApiError, 'requestId' | 'errors' | 'error' | 'errorDescription'>,
): string {
  const first = errors[0];
  const detail = first
    ? `${first.key}: ${first.message} (${first.code})${errors.length > 1 ? ` — and ${errors.length - 1} more` : ''}`
    : [error, errorDescription].filter(Boolean).join(': ') ||
      // A non-JSON body (an HTML error page) says what went wrong in its text.
      (typeof init.body === 'string' ? init.body.replace(/\s+/g, ' ').trim().slice(0, 200) : '');
  return [`${init.status} ${init.method} ${init.url}`, detail, requestId && `request id ${requestId}`]
    .filter(Boolean)
    .join(' — ');
}

export class PachcaBadRequestError extends PachcaApiError {
  override name = 'PachcaBadRequestError';
}
export class PachcaAuthenticationError extends PachcaApiError {
  override name = 'PachcaAuthenticationError';
}
export class PachcaPaymentRequiredError extends PachcaApiError {
  override name = 'PachcaPaymentRequiredError';
}
export class PachcaPermissionDeniedError extends PachcaApiError {
  override name = 'PachcaPermissionDeniedError';
}
export class PachcaNotFoundError extends PachcaApiError {
  override name = 'PachcaNotFoundError';
}
export class PachcaValidationError extends PachcaApiError {
  override name = 'PachcaValidationError';
}
export class PachcaRateLimitError extends PachcaApiError {
  override name = 'PachcaRateLimitError';
}
export class PachcaServerError extends PachcaApiError {
  override name = 'PachcaServerError';
}

const BY_STATUS: Record<number, typeof PachcaApiError> = {
  400: PachcaBadRequestError,
  401: PachcaAuthenticationError,
  402: PachcaPaymentRequiredError,
  403: PachcaPermissionDeniedError,
  404: PachcaNotFoundError,
  422: PachcaValidationError,
  429: PachcaRateLimitError,
};

/** The most specific error class for a status. */
export function apiErrorFor(init: ApiErrorInit): PachcaApiError {
  const ErrorClass = BY_STATUS[init.status] ?? (init.status >= 500 ? PachcaServerError : PachcaApiError);
  return new ErrorClass(init);
}
