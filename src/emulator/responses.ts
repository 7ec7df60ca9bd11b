// The API's answers: JSON bodies, 204s, `{errors: [...]}` for field and business-rule errors and
// `{error, error_description}` for token and scope errors.
import { type FieldError, reported } from '../msw/validate.js';

export type { FieldError };

const JSON_HEADERS = { 'content-type': 'application/json' };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });

export const noContent = (): Response => new Response(null, { status: 204 });

export const fieldError = (key: string, value: unknown, message: string, code: string): FieldError => ({
  key,
  value: reported(value),
  message,
  code,
  payload: null,
});

export const apiErrors = (status: number, errors: FieldError[], headers?: Record<string, string>): Response =>
  json(status, { errors }, headers);

/** One `{errors: [...]}` item as a response. */
export const apiError = (status: number, key: string, value: unknown, message: string, code: string): Response =>
  apiErrors(status, [fieldError(key, value, message, code)]);

export const oauthError = (status: number, error: string, description: string): Response =>
  json(status, { error, error_description: description });

export const notFound = (key: string, value: unknown, what: string): Response =>
  apiError(404, key, value, `${what} not found`, 'not_found');
