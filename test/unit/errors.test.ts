// Every non-success answer becomes a typed error that explains itself: the class by status, the
// parsed body in either of the API's shapes, the raw text of non-JSON bodies, the request id.
import { describe, expect, it } from 'vitest';
import {
  PachcaApiError,
  PachcaAuthenticationError,
  PachcaBadRequestError,
  PachcaError,
  PachcaInvalidResponseError,
  PachcaNotFoundError,
  PachcaPaymentRequiredError,
  PachcaPermissionDeniedError,
  PachcaRateLimitError,
  PachcaServerError,
  PachcaValidationError,
} from '../../src/index.js';
import { clientFor, type Reply, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const fieldError = (key: string, message: string, code: string) => ({ key, value: null, message, code, payload: null });

const server = useTestServer();

async function failureOf(reply: Reply, call = (c = clientFor(server)) => c.users.get(5)): Promise<PachcaApiError> {
  server.script(reply);
  const error = await rejection(call());
  expect(error).toBeInstanceOf(PachcaApiError);
  return error as PachcaApiError;
}

describe('error class by status', () => {
  it.each([
    [400, PachcaBadRequestError],
    [401, PachcaAuthenticationError],
    [402, PachcaPaymentRequiredError],
    [403, PachcaPermissionDeniedError],
    [404, PachcaNotFoundError],
    [422, PachcaValidationError],
    [429, PachcaRateLimitError],
    [500, PachcaServerError],
    [502, PachcaServerError],
    [503, PachcaServerError],
    [504, PachcaServerError],
  ] as const)('%i → %o', async (status, ErrorClass) => {
    const error = await failureOf({ status, body: { errors: [] } });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(PachcaError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
    expect(error.method).toBe('GET');
    expect(error.url).toBe(`${server.url}/users/5`);
  });

  it('an undeclared status is a plain PachcaApiError', async () => {
    const error = await failureOf({ status: 409, body: { errors: [] } });
    expect(error.constructor).toBe(PachcaApiError);
    expect(error.status).toBe(409);
  });

  it('subclasses are distinct: a 404 is not a validation or server error', async () => {
    const error = await failureOf({ status: 404, body: { errors: [] } });
    expect(error).not.toBeInstanceOf(PachcaValidationError);
    expect(error).not.toBeInstanceOf(PachcaServerError);
  });
});

describe('error bodies', () => {
  it('{errors: [...]}: parsed items, field, and a message with status, first field error and the rest counted', async () => {
    const errors = [
      fieldError('email', 'has already been taken', 'taken'),
      fieldError('nickname', 'is too long', 'too_long'),
    ];
    const error = await failureOf(
      { status: 422, headers: { 'x-request-id': 'req-422' }, body: { errors } },
      (c = clientFor(server)) => c.users.update(5, { user: { email: 'taken@example.com' } }),
    );
    expect(error.errors).toEqual(errors);
    expect(error.field).toEqual(errors[0]);
    expect(error.field?.key).toBe('email');
    expect(error.message).toBe(
      `422 PUT ${server.url}/users/5 — email: has already been taken (taken) — and 1 more — request id req-422`,
    );
  });

  it('{error, error_description}: both fields and a message naming them', async () => {
    const error = await failureOf({
      status: 401,
      body: { error: 'invalid_token', error_description: 'The access token is invalid' },
    });
    expect(error).toBeInstanceOf(PachcaAuthenticationError);
    expect(error.error).toBe('invalid_token');
    expect(error.errorDescription).toBe('The access token is invalid');
    expect(error.errors).toEqual([]);
    expect(error.field).toBeUndefined();
    expect(error.message).toContain('401 GET');
    expect(error.message).toContain('invalid_token: The access token is invalid');
  });

  it('403 in the OAuth shape (insufficient scope)', async () => {
    const error = await failureOf({
      status: 403,
      body: { error: 'insufficient_scope', error_description: 'Missing scope users:read' },
    });
    expect(error).toBeInstanceOf(PachcaPermissionDeniedError);
    expect(error.error).toBe('insufficient_scope');
    expect(error.message).toContain('Missing scope users:read');
  });

  it('403 in the field-error shape (business rule)', async () => {
    const error = await failureOf({
      status: 403,
      body: { errors: [fieldError('role', 'The owner cannot be changed', 'owner_protected')] },
    });
    expect(error).toBeInstanceOf(PachcaPermissionDeniedError);
    expect(error.error).toBeUndefined();
    expect(error.field?.code).toBe('owner_protected');
    expect(error.message).toContain('role: The owner cannot be changed (owner_protected)');
  });

  it('an unknown error code is kept as is (the set of codes is open)', async () => {
    const error = await failureOf({
      status: 400,
      body: { errors: [fieldError('chat_ids', 'is required', 'brand_new_code')] },
    });
    expect(error.field?.code).toBe('brand_new_code');
  });

  it('a non-JSON 429 still produces a typed error', async () => {
    const error = await failureOf({ status: 429, headers: { 'retry-after': '0' }, body: 'Too Many Requests' });
    expect(error).toBeInstanceOf(PachcaRateLimitError);
    expect(error.body).toBe('Too Many Requests');
    expect(error.message).toContain('Too Many Requests');
  });

  it('an empty body still produces a typed error with the status in the message', async () => {
    const error = await failureOf({ status: 404 });
    expect(error).toBeInstanceOf(PachcaNotFoundError);
    expect(error.body).toBe('');
    expect(error.message).toBe(`404 GET ${server.url}/users/5`);
  });

  it('requestId comes from x-request-id and is also in the message', async () => {
    const error = await failureOf({ status: 404, headers: { 'x-request-id': 'abc-123' }, body: { errors: [] } });
    expect(error.requestId).toBe('abc-123');
    expect(error.headers.get('x-request-id')).toBe('abc-123');
    expect(error.message).toContain('request id abc-123');
  });

  it('requestId is undefined without the header', async () => {
    const error = await failureOf({ status: 404, body: { errors: [] } });
    expect(error.requestId).toBeUndefined();
  });

  it('toJSON carries what support needs', async () => {
    const error = await failureOf({
      status: 422,
      headers: { 'x-request-id': 'r-1' },
      body: { errors: [fieldError('email', 'is invalid', 'invalid')] },
    });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'PachcaValidationError', status: 422, method: 'GET', requestId: 'r-1' });
    expect(json.errors).toEqual([fieldError('email', 'is invalid', 'invalid')]);
    expect(json.message).toBe(error.message);
  });
});

describe('malformed success responses', () => {
  it('a list answer without a data array is rejected, not iterated', async () => {
    server.script({ body: { data: { id: 1 }, meta: {} } });
    expect(await rejection(clientFor(server).users.list())).toBeInstanceOf(PachcaInvalidResponseError);
  });
});
