// Users: creates (201, an invitation in the outbox unless skip_email_notify), partial updates of
// the keys sent, deletes, and the list with its search (`query` over names, nickname, email and
// phone, partial and case-insensitive) and the search meta.
import type { components } from '../../../generated/schema.js';
import { checkText, listRequest } from '../fields.js';
import { ownerProtection } from '../owner.js';
import { keysetPage, searchPage } from '../pagination.js';
import { apiError, apiErrors, fieldError, json, noContent, notFound, type FieldError } from '../responses.js';
import { userView } from '../views.js';
import type { Context, Handler } from '../context.js';
import type { DataType, StoredUser } from '../types.js';
import { blankUser, type Workspace } from '../workspace.js';

/** The fields of a create or an update: the spec's create fields, each optional (an update sends any). */
type UserFields = Partial<components['schemas']['UserCreateFields']>;

const TEXT_FIELDS = ['first_name', 'last_name', 'phone_number', 'nickname', 'department', 'title'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a custom property value fits its data type. */
const FITS: Record<DataType, (value: string) => boolean> = {
  string: () => true,
  number: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
  date: (value) => DATE.test(value) && !Number.isNaN(Date.parse(value)),
  link: (value) => /^https?:\/\/\S+$/.test(value),
};

/** `blank`, `too_long`, `invalid` or `taken` for an email; `self` is the user being updated. */
function emailErrors(workspace: Workspace, email: string, self?: StoredUser): FieldError[] {
  const errors: FieldError[] = [];
  checkText(errors, 'email', email, 255, { blank: false });
  if (errors.length) return errors;
  if (!EMAIL.test(email)) return [fieldError('email', email, 'is invalid', 'invalid')];
  const holder = workspace.userIdByEmail(email);
  return holder !== undefined && holder !== self?.id
    ? [fieldError('email', email, 'has already been taken', 'taken')]
    : [];
}

/** Every field error of `fields`, and the tag ids its list_tags names. `self` is the user being updated. */
function fieldErrors(workspace: Workspace, fields: UserFields, self?: StoredUser) {
  const errors: FieldError[] = [];
  if (fields.email !== undefined) errors.push(...emailErrors(workspace, fields.email.trim(), self));
  for (const key of TEXT_FIELDS) checkText(errors, key, fields[key], 255);
  const tagIds: number[] = [];
  for (const name of new Set(fields.list_tags ?? [])) {
    const id = workspace.groupTagIdByName(name);
    if (id === undefined) errors.push(fieldError('list_tags', name, `No group tag named "${name}"`, 'not_found'));
    else if (!tagIds.includes(id)) tagIds.push(id);
  }
  for (const { id, value } of fields.custom_properties ?? []) {
    const definition = workspace.customProperties.find((p) => p.id === id && p.entity_type === 'User');
    if (!definition) {
      errors.push(fieldError('custom_properties', String(id), `No custom property with id ${id}`, 'not_found'));
    } else if (value.length > 768) {
      errors.push(fieldError('custom_properties', value, 'is too long (maximum is 768 characters)', 'too_long'));
    } else if (value !== '' && !FITS[definition.data_type](value)) {
      errors.push(fieldError('custom_properties', value, `is not a valid ${definition.data_type}`, 'invalid'));
    }
  }
  return { errors, tagIds };
}

/** Writes the fields that were sent, and only those. */
function apply(workspace: Workspace, user: StoredUser, fields: UserFields, tagIds: number[]): void {
  workspace.touch(user);
  if (fields.email !== undefined) workspace.setEmail(user, fields.email.trim());
  for (const key of TEXT_FIELDS) if (fields[key] !== undefined) user[key] = fields[key];
  if (fields.role !== undefined) user.role = fields.role;
  if (fields.suspended !== undefined) user.suspended = fields.suspended;
  if (fields.list_tags !== undefined) workspace.setGroupTags(user, tagIds);
  for (const { id, value } of fields.custom_properties ?? []) {
    const stored = value === '' ? null : value;
    const existing = user.custom_properties.find((p) => p.id === id);
    if (existing) existing.value = stored;
    else user.custom_properties.push({ id, value: stored });
  }
  const order = workspace.customProperties.map((p) => p.id);
  user.custom_properties.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** The user of the path, or its 404. */
export function userOf({ workspace, params }: Context, param: string): StoredUser | Response {
  const id = params[param];
  return (id === undefined ? undefined : workspace.users.get(id)) ?? notFound(param, String(id), 'User');
}

/** Whether a search matches the user, on the fields the viewer can see. */
function matches(user: StoredUser, viewer: StoredUser, needle: string): boolean {
  const name = `${user.first_name ?? ''} ${user.last_name ?? ''}`;
  const contacts = viewer.bot && viewer.id !== user.id ? [] : [user.email, user.phone_number];
  return [name, user.nickname, ...contacts].some((field) => field?.toLowerCase().includes(needle));
}

export const userHandlers: Record<string, Handler> = {
  listUsers: (context) => {
    const { workspace, query, viewer } = context;
    const view = (id: number) => userView(context, workspace.user(id));
    const needle = query.get('query')?.trim().toLowerCase();
    if (needle) {
      const list = listRequest(query, 'offset');
      if (list instanceof Response) return { response: list };
      const found = workspace.userIds.filter((id) => matches(workspace.user(id), viewer, needle));
      const page = searchPage(found, list.position?.offset ?? 0, list.limit);
      return { response: json(200, { data: page.items.map(view), meta: page.meta }) };
    }
    const list = listRequest(query, 'keyset');
    if (list instanceof Response) return { response: list };
    const page = keysetPage(workspace.userIds, list.position, list.limit);
    return { response: json(200, { data: page.ids.map(view), meta: page.meta }) };
  },

  createUser: (context) => {
    const { workspace, body, viewer, now, requestId, invite } = context;
    // The request's shape check has made `email` required here.
    const { user: fields, skip_email_notify } = body as {
      user: components['schemas']['UserCreateFields'];
      skip_email_notify?: boolean;
    };
    if (fields.role === 'guest' && fields.chat_ids?.length !== 1) {
      return {
        response: apiError(
          400,
          'chat_ids',
          fields.chat_ids ?? null,
          'A guest must be added to exactly one chat',
          'invalid',
        ),
      };
    }
    const { errors, tagIds } = fieldErrors(workspace, fields);
    if (errors.length) return { response: apiErrors(422, errors) };
    const at = new Date(now).toISOString();
    const user = blankUser({
      id: workspace.nextUserId++,
      invite_status: 'sent',
      inviter_id: viewer.id,
      created_at: at,
    });
    workspace.addUser(user);
    apply(workspace, user, fields, tagIds);
    if (skip_email_notify !== true) {
      invite({ user_id: user.id, email: fields.email, inviter_id: viewer.id, sent_at: at, request_id: requestId });
    }
    return { response: json(201, { data: userView(context, user) }), changed: true };
  },

  getUser: (context) => {
    const user = userOf(context, 'id');
    if (user instanceof Response) return { response: user };
    return { response: json(200, { data: userView(context, user) }) };
  },

  updateUser: (context) => {
    const { workspace, body } = context;
    const user = userOf(context, 'id');
    if (user instanceof Response) return { response: user };
    const refused = ownerProtection(context, user);
    if (refused) return { response: refused };
    const fields = (body as { user: UserFields }).user;
    if (user.id === workspace.ownerId) {
      if (fields.role !== undefined && fields.role !== user.role) {
        return {
          response: apiError(403, 'role', fields.role, 'The owner cannot change their own role', 'owner_protected'),
        };
      }
      if (fields.suspended === true) {
        return {
          response: apiError(403, 'suspended', 'true', 'The owner cannot suspend themselves', 'owner_protected'),
        };
      }
    }
    const { errors, tagIds } = fieldErrors(workspace, fields, user);
    if (errors.length) return { response: apiErrors(422, errors) };
    apply(workspace, user, fields, tagIds);
    return { response: json(200, { data: userView(context, user) }), changed: true };
  },

  deleteUser: (context) => {
    const { workspace } = context;
    const user = userOf(context, 'id');
    if (user instanceof Response) return { response: user };
    if (user.id === workspace.ownerId) {
      return {
        response: apiError(403, 'id', String(user.id), 'The workspace owner cannot be deleted', 'owner_protected'),
      };
    }
    workspace.deleteUser(user);
    return { response: noContent(), changed: true };
  },
};
