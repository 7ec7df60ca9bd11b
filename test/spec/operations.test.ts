// The API's documented contract (operations, statuses, schemas), written out once, independently of
// the spec: a spec edit that breaks it fails here.
import { describe, expect, it } from 'vitest';
import { spec as loadSpec } from '../support/spec.js';
import { listOperations } from '../../scripts/lib/spec.js';
import { errorStatuses, successStatus } from '../../scripts/lib/operation-table.js';
import { documentedRoutes, FACTS } from './facts.js';

const spec = loadSpec();
const ops = listOperations(spec);

const find = (method: string, path: string) => ops.find((op) => op.method === method.toLowerCase() && op.path === path);

type Schema = { required?: string[]; properties?: Record<string, Schema>; type?: string | string[]; anyOf?: Schema[] };
const schemas = spec.components.schemas as Record<string, Schema>;

const isNullable = (s: Schema) =>
  (Array.isArray(s.type) && s.type.includes('null')) || (s.anyOf ?? []).some((v) => v.type === 'null');
const nullableKeys = (s: Schema) =>
  Object.entries(s.properties ?? {})
    .filter(([, p]) => isNullable(p))
    .map(([k]) => k)
    .sort();
const sorted = (keys: string[] | undefined) => [...(keys ?? [])].sort();

describe('operations', () => {
  it('has exactly the documented operations', () => {
    expect(ops.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort()).toEqual(documentedRoutes().sort());
  });

  it.each(FACTS)('%s %s answers %i and declares its errors', (method, path, success, errors, sdk, paginated) => {
    const op = find(method, path)!;
    expect(successStatus(op)).toBe(success);
    expect(errorStatuses(op)).toEqual(errors);
    expect(op['x-sdk-method']).toBe(sdk);
    expect(op['x-paginated'] === true, 'x-paginated').toBe(paginated === 'paginated');
  });

  it('gives every operation a unique camelCase operationId, SDK method and CLI command', () => {
    for (const key of ['operationId', 'x-sdk-method', 'x-cli-command'] as const) {
      const values = ops.map((op) => op[key]);
      expect(new Set(values).size, key).toBe(ops.length);
    }
    for (const op of ops) {
      expect(op.operationId).toMatch(/^[a-z][a-zA-Z]+$/);
      expect(op['x-sdk-method']).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(op.tags).toHaveLength(1);
      expect(op.summary.length).toBeGreaterThan(5);
      expect(op.description.length).toBeGreaterThan(20);
      expect(op.security ?? spec.security).toEqual([{ bearerAuth: [] }]);
    }
  });

  it('uses `id` on users and group tags but `user_id` on avatar and status sub-resources', () => {
    const pathParams = (method: string, path: string) =>
      find(method, path)!
        .parameters.filter((p) => p.in === 'path')
        .map((p) => [p.name, p.schema.type]);
    expect(pathParams('GET', '/users/{id}')).toEqual([['id', 'integer']]);
    expect(pathParams('GET', '/group_tags/{id}/users')).toEqual([['id', 'integer']]);
    expect(pathParams('PUT', '/users/{user_id}/avatar')).toEqual([['user_id', 'integer']]);
    expect(pathParams('DELETE', '/users/{user_id}/status')).toEqual([['user_id', 'integer']]);
  });

  it('sends names Rails-style and bounds limit to 1..50', () => {
    const params = find('GET', '/group_tags')!.parameters;
    expect(params.find((p) => p.name === 'names[]')).toMatchObject({ in: 'query', style: 'form', explode: true });
    expect(params.find((p) => p.name === 'limit')!.schema).toMatchObject({ minimum: 1, maximum: 50, default: 50 });
    const entityType = find('GET', '/custom_properties')!.parameters.find((p) => p.name === 'entity_type')!;
    expect(entityType.required).toBe(true);
    expect(entityType.schema.enum).toEqual(['User', 'Task']);
  });

  it('lets both status GETs answer with the JSON literal null', () => {
    for (const path of ['/profile/status', '/users/{user_id}/status']) {
      const schema = find('GET', path)!.responses['200']!.content!['application/json']!.schema;
      expect(isNullable(schema as Schema)).toBe(true);
    }
  });

  it('uploads avatars as multipart with a binary `image` part', () => {
    for (const path of ['/profile/avatar', '/users/{user_id}/avatar']) {
      const schema = find('PUT', path)!.requestBody!.content['multipart/form-data']!.schema as Schema;
      expect(schema.required).toEqual(['image']);
      expect(schema.properties!.image).toMatchObject({ type: 'string', format: 'binary' });
    }
  });
});

describe('schemas', () => {
  it('User has all 21 keys required and the documented ones nullable', () => {
    const user = schemas.User!;
    expect(sorted(user.required)).toEqual(sorted(Object.keys(user.properties!)));
    expect(user.required).toHaveLength(21);
    expect(nullableKeys(user)).toEqual(
      sorted([
        'first_name',
        'last_name',
        'email',
        'phone_number',
        'department',
        'title',
        'inviter_id',
        'user_status',
        'last_activity_at',
        'time_zone',
        'image_url',
      ]),
    );
    expect(user.properties!.role).toMatchObject({ enum: ['admin', 'user', 'multi_guest', 'guest'] });
    expect(user.properties!.invite_status).toMatchObject({ enum: ['confirmed', 'sent'] });
  });

  it('UserStatus has five required keys, away_message as {text} or null', () => {
    const status = schemas.UserStatus!;
    expect(sorted(status.required)).toEqual(sorted(['emoji', 'title', 'expires_at', 'is_away', 'away_message']));
    expect(nullableKeys(status)).toEqual(['away_message', 'expires_at']);
    expect(status.properties!.title).toMatchObject({ maxLength: 50 });
    expect(status.properties!.away_message!.anyOf![0]).toMatchObject({ required: ['text'] });
  });

  it('the status request takes away_message as a plain string', () => {
    const input = schemas.StatusInput!;
    expect(sorted(input.required)).toEqual(['emoji', 'title']);
    expect(input.properties!.away_message).toMatchObject({ type: 'string', maxLength: 1024 });
    expect(nullableKeys(input)).toEqual([]);
  });

  it('user create puts skip_email_notify beside user and requires only email', () => {
    const create = schemas.UserCreateRequest!;
    expect(create.required).toEqual(['user']);
    expect(Object.keys(create.properties!).sort()).toEqual(['skip_email_notify', 'user']);
    expect(schemas.UserCreateFields!.required).toEqual(['email']);
    expect(Object.keys(schemas.UserCreateFields!.properties!)).toContain('chat_ids');
  });

  it('user update is partial, has no chat_ids and cannot make a guest', () => {
    const fields = schemas.UserUpdateFields!;
    expect(fields.required ?? []).toEqual([]);
    expect(Object.keys(fields.properties!)).not.toContain('chat_ids');
    expect(fields.properties!.role).toMatchObject({ enum: ['admin', 'user', 'multi_guest'] });
  });

  it('errors: ApiError items carry five keys with an open code; OAuthError two', () => {
    const item = schemas.ApiErrorItem!;
    expect(sorted(item.required)).toEqual(['code', 'key', 'message', 'payload', 'value']);
    expect(item.properties!.code).not.toHaveProperty('enum');
    expect(nullableKeys(item)).toEqual(['payload', 'value']);
    expect(sorted(schemas.OAuthError!.required)).toEqual(['error', 'error_description']);
  });

  it('pagination meta and search meta are as documented', () => {
    const paginate = schemas.PaginationMeta!.properties!.paginate!;
    expect(sorted(paginate.required)).toEqual(['has_next', 'has_prev', 'next_page', 'prev_page']);
    expect(paginate.properties!.next_page!.type).toBe('string');
    expect(sorted(schemas.SearchMeta!.required)).toEqual(['paginate', 'total']);
  });

  it('AccessTokenInfo marks name, revoked_at, expires_in and last_used_at nullable', () => {
    const info = schemas.AccessTokenInfo!;
    expect(info.required).toHaveLength(9);
    expect(nullableKeys(info)).toEqual(['expires_in', 'last_used_at', 'name', 'revoked_at']);
  });
});
