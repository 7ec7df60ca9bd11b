// The token table, tried on every operation of the spec: what each fixed token may do follows
// from the operation's method and path (read, own profile, writes) and its x-scope.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../scripts/lib/spec.js';
import { PATH_PARAM } from '../../src/core/names.js';
import { EMULATOR_TOKENS } from '../../src/emulator/index.js';
import { call, checkedOperations, emulatorFor, imageForm } from './support.js';

/** A request the operation accepts: ids that exist, the spec's request example with fresh names. */
function requestOf(operation: Operation) {
  const id = operation.path.startsWith('/group_tags') ? 9112 : 20;
  const path = operation.path.replace(PATH_PARAM, String(id));
  const query = operation.parameters.some((p) => p.name === 'entity_type') ? '?entity_type=User' : '';
  const content = operation.requestBody?.content ?? {};
  const example = Object.values(
    (content['application/json'] as { examples?: Record<string, { value: unknown }> })?.examples ?? {},
  )[0];
  const json =
    example &&
    JSON.parse(JSON.stringify(example.value).replace(/"(email|name)":"[^"]*"/g, '"$1":"fresh.$1@example.com"'));
  return { path: path + query, json, form: content['multipart/form-data'] ? imageForm() : undefined };
}

const success = (operation: Operation) => Number(Object.keys(operation.responses).find((s) => s.startsWith('2')));
const scopeOf = (operation: Operation) => (operation as Operation & { 'x-scope'?: string })['x-scope'];
const isRead = (operation: Operation) => operation.method === 'get';
const isOwn = (operation: Operation) => operation.path.startsWith('/profile') || operation.path.startsWith('/oauth');

/** What each token gets, as the token table documents it. */
const EXPECTED: Record<string, (operation: Operation) => { status: number; error?: string }> = {
  'test-token': (op) => ({ status: success(op) }),
  'admin-token': (op) => ({ status: success(op) }),
  'user-token': (op) =>
    isRead(op) || isOwn(op) ? { status: success(op) } : { status: 403, error: 'insufficient_scope' },
  'bot-token': (op) =>
    isRead(op) || isOwn(op) ? { status: success(op) } : { status: 403, error: 'insufficient_scope' },
  'readonly-token': (op) => (isRead(op) ? { status: success(op) } : { status: 403, error: 'insufficient_scope' }),
  'guest-token': (op) => (op.path === '/oauth/token/info' ? { status: 200 } : { status: 403, error: 'access_denied' }),
  'unknown-token': () => ({ status: 401, error: 'invalid_token' }),
};

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
    expect(first.body.data.scopes.every((s: string) => s.endsWith(':read'))).toBe(true);
    const second = await call(emulator, 'GET', '/oauth/token/info', { token: 'readonly-token' });
    expect(second.body.data.last_used_at).not.toBeNull();
    expect((await call(emulator, 'GET', '/oauth/token/info', { token: 'bot-token' })).body.data.name).toBeNull();
  });
});
