// Avatars: an upload (the multipart `image` part) is kept in the workspace and served back at
// /__emulator/avatars/<file>, which becomes the user's image_url; a delete sets it to null.
import { ownerProtection } from '../owner.js';
import { apiError, json, noContent } from '../responses.js';
import { userOf } from './users.js';
import type { Context, Handler, UploadedFile } from '../context.js';
import type { StoredUser } from '../types.js';

/** Uploads above this answer 422: the workspace keeps the bytes in memory and in its state. */
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const subject = (context: Context): StoredUser | Response =>
  'user_id' in context.params ? userOf(context, 'user_id') : context.viewer;

function put(context: Context) {
  const user = subject(context);
  if (user instanceof Response) return { response: user };
  const refused = ownerProtection(context, user);
  if (refused) return { response: refused };
  const image = (context.body as { image: UploadedFile | string }).image;
  if (typeof image === 'string') {
    return { response: apiError(422, 'image', null, 'must be a file part, not a text field', 'invalid') };
  }
  const extension = EXTENSIONS[image.type.replace(/;.*/s, '').trim()];
  if (!extension) {
    return { response: apiError(422, 'image', image.type, 'must be a PNG, JPEG, GIF or WebP image', 'invalid') };
  }
  if (image.bytes.length > MAX_AVATAR_BYTES) {
    return { response: apiError(422, 'image', image.name, 'is too large (at most 2 MB)', 'too_long') };
  }
  const file = `${user.id}-${context.requestId.slice(0, 8)}.${extension}`;
  const avatar = { contentType: image.type, bytes: image.bytes };
  context.workspace.setAvatar(user, { file, avatar, url: context.avatarUrl(file) });
  return { response: json(200, { data: { image_url: user.image_url } }), changed: true };
}

function remove(context: Context) {
  const user = subject(context);
  if (user instanceof Response) return { response: user };
  const refused = ownerProtection(context, user);
  if (refused) return { response: refused };
  const changed = user.image_url !== null;
  if (changed) context.workspace.setAvatar(user, null);
  return { response: noContent(), changed };
}

export const avatarHandlers: Record<string, Handler> = {
  updateProfileAvatar: put,
  deleteProfileAvatar: remove,
  updateUserAvatar: put,
  deleteUserAvatar: remove,
};
