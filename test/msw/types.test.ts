// Type-level contract of mock.<operationId>(), checked by `tsc --noEmit` in npm test: a status the
// spec does not declare, an example name it does not give, or a body of the wrong type does not
// compile. The runtime assertions make sure the accepted calls build handlers.
import { HttpHandler } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { mswOperations } from '../../generated/msw.js';
import type { components } from '../../src/index.js';
import {
  handlers,
  mock,
  type BodyOf,
  type EveryOperationStatus,
  type ExampleOf,
  type StatusOf,
} from '../../src/msw/index.js';

type S = components['schemas'];
const someUser = (mswOperations.getUser.responses[200].examples.user as S['UserResponse']).data;

describe('mock.<operationId>() types', () => {
  it('accepts only the statuses and example names the spec declares, and 429/5xx for every operation', () => {
    type EveryOperation = 429 | 500 | 502 | 503 | 504;
    expectTypeOf<EveryOperationStatus>().toEqualTypeOf<EveryOperation>();
    expectTypeOf<StatusOf<'getUser'>>().toEqualTypeOf<200 | 401 | 402 | 403 | 404 | EveryOperation>();
    expectTypeOf<StatusOf<'deleteUser'>>().toEqualTypeOf<204 | 401 | 402 | 403 | 404 | EveryOperation>();
    expectTypeOf<ExampleOf<'getUser', 503>>().toEqualTypeOf<'error'>();
    expectTypeOf<ExampleOf<'getUser', 200>>().toEqualTypeOf<'user' | 'bot'>();
    expectTypeOf<ExampleOf<'getProfile', 403>>().toEqualTypeOf<'insufficientScope' | 'permissionDenied'>();
    expectTypeOf<ExampleOf<'deleteUser', 204>>().toBeNever();

    const accepted = [
      mock.getUser(),
      mock.getUser({ status: 404 }),
      mock.getUser({ status: 503 }),
      mock.createUser({ status: 429, headers: { 'retry-after': '5' } }),
      mock.getProfile({ status: 500, example: 'error' }),
      mock.getUser({ example: 'bot' }),
      mock.getProfile({ status: 403, example: 'permissionDenied' }),
      mock.getUserStatus({ example: 'none' }),
      mock.listUsers({ headers: { 'x-request-id': 'req-1' }, delayMs: 300, baseUrl: 'http://localhost:3000/api' }),
      ...handlers({ baseUrl: 'http://localhost:3000/api' }),
    ];
    for (const handler of accepted) expect(handler).toBeInstanceOf(HttpHandler);

    // @ts-expect-error 418 is neither a status getUser declares nor one every operation has
    void (() => mock.getUser({ status: 418 }));
    // @ts-expect-error 501 is not among the 5xx the API documents
    void (() => mock.getUser({ status: 501 }));
    // @ts-expect-error a 503's example is "error", not "user"
    void (() => mock.getUser({ status: 503, example: 'user' }));
    // @ts-expect-error getUser's 200 has no example named "robot"
    void (() => mock.getUser({ example: 'robot' }));
    // @ts-expect-error "bot" is an example of the 200, not of the 404
    void (() => mock.getUser({ status: 404, example: 'bot' }));
    // @ts-expect-error createUser answers 201, not 200
    void (() => mock.createUser({ status: 200 }));
    // @ts-expect-error no such operation
    void (() => mock.getUsers());
  });

  it('types the body by the chosen status', () => {
    expectTypeOf<BodyOf<'getUser', 200>>().toEqualTypeOf<S['UserResponse']>();
    expectTypeOf<BodyOf<'getUser', 404>>().toEqualTypeOf<S['ApiError']>();
    expectTypeOf<BodyOf<'deleteUser', 503>>().toEqualTypeOf<S['ApiError']>();
    expectTypeOf<BodyOf<'getUserStatus', 200>>().toEqualTypeOf<S['UserStatusResponse'] | null>();
    expectTypeOf<BodyOf<'deleteUser', 204>>().toBeNever();

    expect(mock.getUser({ body: { data: { ...someUser, first_name: 'Ivan' } } })).toBeInstanceOf(HttpHandler);
    expect(mock.getUser({ status: 404, body: { errors: [] } })).toBeInstanceOf(HttpHandler);
    expect(mock.getUser({ status: 502, body: { errors: [] } })).toBeInstanceOf(HttpHandler);
    expect(mock.getUserStatus({ body: null })).toBeInstanceOf(HttpHandler);

    // @ts-expect-error id is a number in the spec
    void (() => mock.getUser({ body: { data: { ...someUser, id: 'twelve' } } }));
    // @ts-expect-error the 200 body wraps the user in `data`
    void (() => mock.getUser({ body: someUser }));
    // @ts-expect-error a 404 body is the API error shape, not a user
    void (() => mock.getUser({ status: 404, body: { data: someUser } }));
    // @ts-expect-error a 204 has no body
    void (() => mock.deleteUser({ body: {} }));
    // @ts-expect-error example or body, not both
    void (() => mock.getUser({ example: 'user', body: { data: someUser } }));
  });
});
