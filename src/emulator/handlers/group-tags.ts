// Group tags: unique names, `users_count` = the members (the users whose list_tags name the tag),
// renames and deletes reaching every member, and the members' list.
import { checkText, listRequest } from '../fields.js';
import { keysetPage } from '../pagination.js';
import { apiErrors, fieldError, json, noContent, notFound, type FieldError } from '../responses.js';
import { userView } from '../views.js';
import { uniqueKey, type Workspace } from '../workspace.js';
import type { Context, Handler } from '../context.js';
import type { StoredGroupTag } from '../types.js';

const tagView = (workspace: Workspace, tag: StoredGroupTag) => ({
  id: tag.id,
  name: tag.name,
  users_count: workspace.members.get(tag.id)?.size ?? 0,
});

/** The tag of the path, or its 404. */
function tagOf({ workspace, params }: Context): StoredGroupTag | Response {
  const id = params.id;
  return (id === undefined ? undefined : workspace.groupTags.get(id)) ?? notFound('id', String(id), 'Group tag');
}

/** `blank`, `too_long` and `taken` for a tag name; `self` is the tag being renamed. */
function nameErrors(workspace: Workspace, name: string, self?: StoredGroupTag): FieldError[] {
  const errors: FieldError[] = [];
  checkText(errors, 'name', name, 255, { blank: false });
  const holder = workspace.groupTagIdByName(name);
  if (!errors.length && holder !== undefined && holder !== self?.id) {
    errors.push(fieldError('name', name, 'has already been taken', 'taken'));
  }
  return errors;
}

const bodyName = (body: unknown) => (body as { group_tag: { name: string } }).group_tag.name.trim();

export const groupTagHandlers: Record<string, Handler> = {
  listGroupTags: ({ workspace, query }) => {
    const list = listRequest(query, 'keyset');
    if (list instanceof Response) return { response: list };
    const names = new Set([...query.getAll('names[]'), ...query.getAll('names')].map(uniqueKey));
    const ids = names.size
      ? workspace.groupTagIds.filter((id) => names.has(uniqueKey(workspace.groupTag(id).name)))
      : workspace.groupTagIds;
    const page = keysetPage(ids, list.position, list.limit);
    const data = page.ids.map((id) => tagView(workspace, workspace.groupTag(id)));
    return { response: json(200, { data, meta: page.meta }) };
  },

  createGroupTag: ({ workspace, body }) => {
    const name = bodyName(body);
    const errors = nameErrors(workspace, name);
    if (errors.length) return { response: apiErrors(422, errors) };
    const tag = { id: workspace.nextGroupTagId++, name };
    workspace.addGroupTag(tag);
    return { response: json(201, { data: tagView(workspace, tag) }), changed: true };
  },

  getGroupTag: (context) => {
    const tag = tagOf(context);
    return { response: tag instanceof Response ? tag : json(200, { data: tagView(context.workspace, tag) }) };
  },

  updateGroupTag: (context) => {
    const { workspace, body } = context;
    const tag = tagOf(context);
    if (tag instanceof Response) return { response: tag };
    const name = bodyName(body);
    const errors = nameErrors(workspace, name, tag);
    if (errors.length) return { response: apiErrors(422, errors) };
    workspace.renameGroupTag(tag, name);
    return { response: json(200, { data: tagView(workspace, tag) }), changed: true };
  },

  deleteGroupTag: (context) => {
    const tag = tagOf(context);
    if (tag instanceof Response) return { response: tag };
    context.workspace.deleteGroupTag(tag);
    return { response: noContent(), changed: true };
  },

  listGroupTagUsers: (context) => {
    const { workspace, query } = context;
    const tag = tagOf(context);
    if (tag instanceof Response) return { response: tag };
    const list = listRequest(query, 'keyset');
    if (list instanceof Response) return { response: list };
    const page = keysetPage(workspace.memberIds(tag.id), list.position, list.limit);
    const data = page.ids.map((id) => userView(context, workspace.user(id)));
    return { response: json(200, { data, meta: page.meta }) };
  },
};
