// The token table, tried on every operation of the spec: what each fixed token may do follows
// from the operation's method and path (read, own profile, writes) and its x-scope.
import { describe, expect, it } from 'vitest';
import { EMULATOR_TOKENS } from '../../src/emulator/index.js';
import { call, checkedOperations, emulatorFor } from './support.js';
import { EXPECTED, isRead, requestOf, scopeOf } from './token-table.js';

describe('emulator tokens', () => {
  it('documents each fixed token', () => {
    expect(Object.keys(EMULATOR_TOKENS).sort()).toEqual(
      Object.keys(EXPECTED)
        .filter((t) => t !== 'unknown-token')
        .sort(),
    );
  });

  for (const [token, expected] of Object.entries(EXPECTED)) {
    it(`${token}: every operation of the spec answers as the token table says`, async () => {
      for (const { operation } of checkedOperations()) {
        const emulator = emulatorFor({ users: 30 });
        const { status, body } = await call(emulator, operation.method.toUpperCase(), requestOf(operation).path, {
          ...requestOf(operation),
          token,
        });
        const want = expected(operation);
        expect([status, body?.error], `${token} ${operation.operationId}: ${JSON.stringify(body)}`).toEqual([
          want.status,
          want.error,
        ]);
        if (want.error === 'insufficient_scope' && scopeOf(operation)) {
          expect(body.error_description).toBe(`Insufficient scope. Required: ${scopeOf(operation)}`);
        }
      }
    });
  }

  it('answers 401 without a token', async () => {
    const emulator = emulatorFor();
    const { status, body } = await call(emulator, 'GET', '/profile', { token: null });
    expect([status, body.error]).toEqual([401, 'invalid_token']);
  });

  it('shows the token in token info masked, with its user and scopes', async () => {
    const emulator = emulatorFor();
    const first = await call(emulator, 'GET', '/oauth/token/info', { token: 'readonly-token' });
    expect(first.body.data).toMatchObject({ token: 'readonly...oken', user_id: 12, last_used_at: null });
    // The read-only token holds the scopes of the spec's reads, and no other.
    const readScopes = new Set(
      checkedOperations().flatMap(({ operation }) => (isRead(operation) && scopeOf(operation)) || []),
    );
    expect([...first.body.data.scopes].sort()).toEqual([...readScopes].sort());
    expect(readScopes.size).toBeGreaterThan(1);
    const second = await call(emulator, 'GET', '/oauth/token/info', { token: 'readonly-token' });
    expect(second.body.data.last_used_at).not.toBeNull();
    expect((await call(emulator, 'GET', '/oauth/token/info', { token: 'bot-token' })).body.data.name).toBeNull();
  });
});
