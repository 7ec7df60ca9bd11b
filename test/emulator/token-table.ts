// The token table as the README documents it, for any operation of the spec: what each fixed token
// gets follows from the operation's method and path (read, own profile, writes) and its x-scope.
// tokens.test.ts tries it on every operation; the new-operation test on one the spec adds.
import type { Operation } from '../../scripts/lib/spec.js';
import { PATH_PARAM } from '../../src/core/names.js';
import { imageForm } from './support.js';

/** A request the operation accepts: ids that exist, the spec's request example with fresh names. */
export function requestOf(operation: Operation) {
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
export const scopeOf = (operation: Operation) => (operation as Operation & { 'x-scope'?: string })['x-scope'];
export const isRead = (operation: Operation) => operation.method === 'get';
const isOwn = (operation: Operation) => operation.path.startsWith('/profile') || operation.path.startsWith('/oauth');

/** What each token gets, as the token table documents it. */
export const EXPECTED: Record<string, (operation: Operation) => { status: number; error?: string }> = {
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
