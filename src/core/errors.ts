// The SDK's error classes. Every error the SDK throws is a PachcaError; API errors carry the
// status, the request id and the parsed body. No error ever holds the access token.

/** One field problem of a 400/402/404/422 response (`errors[]`). */
export interface ApiErrorItem {
  key: string;
  value: string | null;
  message: string;
  /** An open set: `blank`, `too_long`, `invalid`, `taken`, `not_found`, … */
  code: string;
  payload: Record<string, unknown> | null;
}

export class PachcaError extends Error {
  override name = 'PachcaError';
}

/** The client is missing something it needs, such as the access token. */
export class PachcaConfigError extends PachcaError {
  override name = 'PachcaConfigError';
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

/** A success status with a body that is not the JSON the spec promises. */
export class PachcaInvalidResponseError extends PachcaError {
  override name = 'PachcaInvalidResponseError';
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
    /** The start of the raw body, for diagnosis. */
    readonly bodyText: string,
  ) {
    super(message);
  }
}

/** Replaces every occurrence of the token in an error's message, stack and serialised fields. */
export function redactToken<E>(error: E, token: string | undefined): E {
  if (!token || !(error instanceof Error)) return error;
  const scrub = (text: string) => text.split(token).join('***');
  if (error.message.includes(token)) error.message = scrub(error.message);
  if (error.stack?.includes(token)) error.stack = scrub(error.stack);
  // Logging an error prints its cause, e.g. a fetch failure that quoted the request's headers.
  if (error.cause instanceof Error && error.cause !== error) redactToken(error.cause, token);
  // bodyText is serialised by JSON.stringify, and a server may echo the Authorization header.
  if (error instanceof PachcaInvalidResponseError && error.bodyText.includes(token)) {
    (error as { bodyText: string }).bodyText = scrub(error.bodyText);
  }
  // The parsed body's fields reach toJSON (error_description, errors[].value) and may echo it too.
  if (error instanceof PachcaApiError) {
    const clean = <T>(value: T): T => {
      const json = JSON.stringify(value);
      return json?.includes(token) ? (JSON.parse(scrub(json)) as T) : value;
    };
    const { body, errors, error: code, errorDescription } = error;
    Object.assign(error, { body: clean(body), errors: clean(errors), error: clean(code), errorDescription: clean(errorDescription) });
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
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The `x-request-id` response header: quote it to support. */
  readonly requestId: string | undefined;
  readonly headers: Headers;
  /** Parsed JSON body, or the raw text when the body was not JSON (`''` when empty). */
  readonly body: unknown;
  /** Field errors of `{errors: [...]}` bodies; empty for other shapes. */
  readonly errors: ApiErrorItem[];
  /** `error` of `{error, error_description}` bodies (for example `invalid_token`). */
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(init: ApiErrorInit) {
    const body = init.body as Partial<{ errors: ApiErrorItem[]; error: string; error_description: string }> | null;
    const errors = Array.isArray(body?.errors) ? body.errors : [];
    const error = typeof body?.error === 'string' ? body.error : undefined;
    const errorDescription = typeof body?.error_description === 'string' ? body.error_description : undefined;
    super(describe(init, errors, error, errorDescription));
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.requestId = init.headers.get('x-request-id') ?? undefined;
    this.body = init.body;
    this.errors = errors;
    this.error = error;
    this.errorDescription = errorDescription;
  }

  /** The first field error, if any: `err.field?.key === 'email'`. */
  get field(): ApiErrorItem | undefined {
    return this.errors[0];
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      errors: this.errors,
      error: this.error,
      errorDescription: this.errorDescription,
    };
  }
}

function describe(init: ApiErrorInit, errors: ApiErrorItem[], error?: string, description?: string): string {
  const parts = [`${init.status} ${init.method} ${init.url}`];
  const first = errors[0];
  if (first) {
    parts.push(`${first.key}: ${first.message} (${first.code})`);
    if (errors.length > 1) parts.push(`and ${errors.length - 1} more`);
  } else if (error || description) {
    parts.push([error, description].filter(Boolean).join(': '));
  } else if (typeof init.body === 'string' && init.body.trim()) {
    parts.push(init.body.trim().replace(/\s+/g, ' ').slice(0, 200));
  }
  const requestId = init.headers.get('x-request-id');
  if (requestId) parts.push(`request id ${requestId}`);
  return parts.join(' — ');
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
