// The typed error each error status the spec declares (or documents for every operation) must become, for the suites that check every
// declared error response (contract against Prism, MSW handlers).
import {
  type PachcaApiError,
  PachcaAuthenticationError,
  PachcaBadRequestError,
  PachcaNotFoundError,
  PachcaPaymentRequiredError,
  PachcaPermissionDeniedError,
  PachcaRateLimitError,
  PachcaServerError,
  PachcaValidationError,
} from '../../src/index.js';

const ERROR_CLASSES: Record<number, typeof PachcaApiError> = {
  400: PachcaBadRequestError,
  401: PachcaAuthenticationError,
  402: PachcaPaymentRequiredError,
  403: PachcaPermissionDeniedError,
  404: PachcaNotFoundError,
  422: PachcaValidationError,
  429: PachcaRateLimitError,
  500: PachcaServerError,
  502: PachcaServerError,
  503: PachcaServerError,
  504: PachcaServerError,
};

/** The class the SDK must throw for a declared error `status`; a status with none fails the test. */
export function errorClassFor(status: number): typeof PachcaApiError {
  const ErrorClass = ERROR_CLASSES[status];
  if (!ErrorClass)
    throw new Error(`no typed error is expected for status ${status}: extend ERROR_CLASSES in test/support/errors.ts`);
  return ErrorClass;
}
