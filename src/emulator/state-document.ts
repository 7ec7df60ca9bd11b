// Checks a whole state document before anything of it is used, so an import either replaces the
// workspace or changes nothing; the error names the first problem by its path (`users[3].email`).
import { fromBase64 } from './base64.js';
import type { WorkspaceState } from './types.js';
import { uniqueKey } from './workspace.js';

export const STATE_VERSION = 1;

export class EmulatorStateError extends Error {
  override readonly name = 'EmulatorStateError';
}

type Rule = (value: unknown, path: string) => void;

const fail = (path: string, problem: string): never => {
  throw new EmulatorStateError(`${path || 'the state'}: ${problem}`);
};
const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

const string: Rule = (value, path) => {
  if (typeof value !== 'string') fail(path, `must be a string, got ${describe(value)}`);
};
const boolean: Rule = (value, path) => {
  if (typeof value !== 'boolean') fail(path, `must be true or false, got ${describe(value)}`);
};
const id: Rule = (value, path) => {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    fail(path, `must be a positive integer, got ${JSON.stringify(value)}`);
};
const dateTime: Rule = (value, path) => {
  string(value, path);
  if (Number.isNaN(Date.parse(value as string))) fail(path, `must be an ISO date-time, got ${JSON.stringify(value)}`);
};
const nullable =
  (rule: Rule): Rule =>
  (value, path) => {
    if (value !== null) rule(value, path);
  };
const oneOf =
  (...allowed: unknown[]): Rule =>
  (value, path) => {
    if (!allowed.includes(value)) fail(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  };
const arrayOf =
  (rule: Rule): Rule =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, `must be an array, got ${describe(value)}`);
    (value as unknown[]).forEach((item, i) => {
      rule(item, `${path}[${i}]`);
    });
  };
const object =
  (shape: Record<string, Rule>): Rule =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail(path, `must be an object, got ${describe(value)}`);
    const record = value as Record<string, unknown>;
    for (const [key, rule] of Object.entries(shape)) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in record)) fail(at, 'is missing');
      rule(record[key], at);
    }
    const unknown = Object.keys(record).find((key) => !(key in shape));
    if (unknown !== undefined) fail(path ? `${path}.${unknown}` : unknown, 'is not a field of the state');
  };

const recordOf =
  (rule: Rule): Rule =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail(path, `must be an object, got ${describe(value)}`);
    for (const [key, item] of Object.entries(value as object)) rule(item, `${path}.${key}`);
  };

const status = object({
  emoji: string,
  title: string,
  expires_at: nullable(dateTime),
  is_away: boolean,
  away_message: nullable(string),
});

const user = object({
  id,
  first_name: nullable(string),
  last_name: nullable(string),
  nickname: string,
  email: nullable(string),
  phone_number: nullable(string),
  department: nullable(string),
  title: nullable(string),
  role: oneOf('admin', 'user', 'multi_guest', 'guest'),
  suspended: boolean,
  invite_status: oneOf('confirmed', 'sent'),
  inviter_id: nullable(id),
  group_tag_ids: arrayOf(id),
  custom_properties: arrayOf(object({ id, value: nullable(string) })),
  status: nullable(status),
  bot: boolean,
  sso: boolean,
  created_at: dateTime,
  last_activity_at: nullable(dateTime),
  time_zone: nullable(string),
  image_url: nullable(string),
});

const document = object({
  version: oneOf(STATE_VERSION),
  owner_id: id,
  next_user_id: id,
  next_group_tag_id: id,
  tokens: recordOf(id),
  users: arrayOf(user),
  group_tags: arrayOf(object({ id, name: string })),
  custom_properties: arrayOf(
    object({
      id,
      entity_type: oneOf('User', 'Task'),
      name: string,
      data_type: oneOf('string', 'number', 'date', 'link'),
    }),
  ),
  avatars: arrayOf(
    object({
      file: (value, path) => {
        string(value, path);
        if (!/^[\w.-]+$/.test(value as string)) fail(path, 'must be a plain file name');
      },
      content_type: string,
      data: (value, path) => {
        string(value, path);
        try {
          fromBase64(value as string);
        } catch {
          fail(path, 'must be base64');
        }
      },
    }),
  ),
});

/** Each value of `key` in `items` once; the path of the first repeat fails. */
function unique<T>(items: T[], key: (item: T) => unknown, path: (i: number) => string, what: string): void {
  const seen = new Set<unknown>();
  items.forEach((item, i) => {
    const value = key(item);
    if (value === null) return;
    if (seen.has(value)) fail(path(i), `${what} ${JSON.stringify(value)} appears twice`);
    seen.add(value);
  });
}

/** The relations a workspace keeps: unique ids, names and emails, and references that resolve. */
function checkRelations(state: WorkspaceState): void {
  unique(
    state.users,
    (u) => u.id,
    (i) => `users[${i}].id`,
    'id',
  );
  unique(
    state.users,
    (u) => (u.email === null ? null : uniqueKey(u.email)),
    (i) => `users[${i}].email`,
    'email',
  );
  unique(
    state.group_tags,
    (t) => t.id,
    (i) => `group_tags[${i}].id`,
    'id',
  );
  unique(
    state.group_tags,
    (t) => uniqueKey(t.name),
    (i) => `group_tags[${i}].name`,
    'name',
  );
  unique(
    state.custom_properties,
    (p) => p.id,
    (i) => `custom_properties[${i}].id`,
    'id',
  );
  unique(
    state.avatars,
    (a) => a.file,
    (i) => `avatars[${i}].file`,
    'file',
  );
  const tags = new Set(state.group_tags.map((t) => t.id));
  const userProperties = new Set(state.custom_properties.filter((p) => p.entity_type === 'User').map((p) => p.id));
  state.users.forEach((u, i) => {
    u.group_tag_ids.forEach((tagId, j) => {
      if (!tags.has(tagId)) fail(`users[${i}].group_tag_ids[${j}]`, `no group tag has id ${tagId}`);
    });
    u.custom_properties.forEach((p, j) => {
      if (!userProperties.has(p.id))
        fail(`users[${i}].custom_properties[${j}].id`, `no User custom property has id ${p.id}`);
    });
  });
  const owner = state.users.find((u) => u.id === state.owner_id);
  if (!owner) fail('owner_id', `no user has id ${state.owner_id}`);
  else if (owner.role !== 'admin')
    fail('owner_id', `the owner must have role admin, user ${owner.id} has ${owner.role}`);
  const maxUser = Math.max(0, ...state.users.map((u) => u.id));
  if (state.next_user_id <= maxUser) fail('next_user_id', `must be above every user id (${maxUser})`);
  const maxTag = Math.max(0, ...state.group_tags.map((t) => t.id));
  if (state.next_group_tag_id <= maxTag) fail('next_group_tag_id', `must be above every group tag id (${maxTag})`);
}

/** The document as a WorkspaceState, or an EmulatorStateError naming its first problem. */
export function checkState(value: unknown): WorkspaceState {
  if (typeof value === 'object' && value !== null && 'version' in value && value.version !== STATE_VERSION) {
    fail('version', `this emulator reads state version ${STATE_VERSION}, got ${JSON.stringify(value.version)}`);
  }
  document(value, '');
  checkRelations(value as WorkspaceState);
  return value as WorkspaceState;
}
