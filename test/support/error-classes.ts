// The typed error each declared error status must become, written out here as the tests' own
// oracle rather than read from src/core/errors.ts: a wrong mapping there fails the suites.
import {
  PachcaAuthenticationError,
  PachcaBadRequestError,
  PachcaNotFoundError,
  PachcaPaymentRequiredError,
  PachcaPermissionDeniedError,
  PachcaValidationError,
  type PachcaApiError,
} from '../../src/index.js';

export const ERROR_CLASSES: Record<number, typeof PachcaApiError> = {
  400: PachcaBadRequestError,
  401: PachcaAuthenticationError,
  402: PachcaPaymentRequiredError,
  403: PachcaPermissionDeniedError,
  404: PachcaNotFoundError,
  422: PachcaValidationError,
};
