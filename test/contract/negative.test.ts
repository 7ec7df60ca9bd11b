// Negative contract tests against the Prism mock: a missing token never leaves the client, a
// request without credentials is a typed 401, and bodies or queries the spec forbids are
// rejected by Prism's request validation and surface as a 422 naming the offending field.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pachca, PachcaAuthenticationError, PachcaConfigError, PachcaValidationError } from '../../src/index.js';
import { MOCK_TOKEN, mockClient, mockUrl } from '../support/mock.js';
import { expectTokenHidden, rejection } from '../support/assertions.js';
import { sdkCall } from '../support/sdk-calls.js';
import { specOperations } from '../support/spec.js';

const calls = specOperations().map((op) => [op.operationId, sdkCall(op)] as const);

/** Prism's own account of a validation failure, from its `sl-violations` header. */
function violations(error: PachcaValidationError): { location: string[]; code: string; message: string }[] {
  return JSON.parse(error.headers.get('sl-violations') ?? '[]');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('without a token', () => {
  it.each(calls)('%s fails with PachcaConfigError before sending anything', async (_, call) => {
    vi.stubEnv('PACHCA_TOKEN', undefined);
    const fetch = vi.fn(globalThis.fetch);
    const client = new Pachca({ baseUrl: mockUrl(), fetch, maxRetries: 0, timeoutMs: 5_000 });
    const error = await rejection(call(client, {}));
    expect(error).toBeInstanceOf(PachcaConfigError);
    expect((error as Error).message).toMatch(/PACHCA_TOKEN/);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('without an Authorization header', () => {
  it('Prism answers 401 invalid_token', async () => {
    const response = await fetch(`${mockUrl()}/profile`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  // The token is set, but a fetch in between drops the header: what a lost or stripped credential looks like.
  const strippingFetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.delete('authorization');
    return globalThis.fetch(request);
  };

  it.each(calls)('%s surfaces the 401 as PachcaAuthenticationError', async (_, call) => {
    const error = await rejection(call(mockClient({ fetch: strippingFetch }), {}));
    expect(error).toBeInstanceOf(PachcaAuthenticationError);
    expect(error).toMatchObject({ status: 401, error: 'invalid_token', errors: [] });
    expect((error as PachcaAuthenticationError).message).toContain('401');
    expectTokenHidden(error, MOCK_TOKEN);
  });
});

describe('requests the spec forbids are rejected by Prism with the field named', () => {
  const tooLongTitle = 'x'.repeat(51);
  const cases: [string, (client: Pachca) => PromiseLike<unknown>, string][] = [
    [
      'profile status title over 50 characters',
      (c) => c.profile.updateStatus({ emoji: '🏖️', title: tooLongTitle }),
      'title',
    ],
    [
      'user status title over 50 characters',
      (c) => c.users.updateStatus(186, { emoji: '🏖️', title: tooLongTitle }),
      'title',
    ],
    ['user without email', (c) => c.users.create({ user: { first_name: 'Ivan' } } as never), 'email'],
    ['guest role on update', (c) => c.users.update(186, { user: { role: 'guest' as never } }), 'role'],
    ['group tag name over 255 characters', (c) => c.groupTags.create({ group_tag: { name: 'x'.repeat(256) } }), 'name'],
    ['limit over 50', (c) => c.users.list({ limit: 51 }), 'limit'],
    ['unknown entity_type', (c) => c.customProperties.list({ entity_type: 'Chat' as never }), 'entity_type'],
  ];

  it.each(cases)('%s → PachcaValidationError naming %s', async (_, call, field) => {
    const error = await rejection(call(mockClient()));
    expect(error).toBeInstanceOf(PachcaValidationError);
    const validation = error as PachcaValidationError;
    expect(validation.status).toBe(422);
    const named = violations(validation).filter((v) => v.location.includes(field) || v.message.includes(`'${field}'`));
    expect(named, `sl-violations: ${validation.headers.get('sl-violations')}`).not.toEqual([]);
    expectTokenHidden(error, MOCK_TOKEN);
  });
});
