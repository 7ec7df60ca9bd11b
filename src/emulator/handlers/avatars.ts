// Avatars: an upload (the multipart `image` part) is kept in the workspace and served back at
// /__emulator/avatars/<file>, which becomes the user's image_url; a delete sets it to null. What
// an upload is comes from its bytes, as in the API: the part's declared type is not relied on.
import { IMAGE_EXTENSIONS, imageTypeOf } from '../../core/image-type.js';
import { ownerProtection } from '../owner.js';
import { apiError, json, noContent } from '../responses.js';
import { imageUrlView } from '../views.js';
import { AVATAR_PATH } from '../workspace.js';
import { userOf } from './users.js';
import type { Context, Handler, UploadedFile } from '../context.js';
import type { StoredUser } from '../types.js';

/** Uploads above this answer 422: the workspace keeps the bytes in memory and in its state. */
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

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
  const type = imageTypeOf(image.bytes);
  if (!type) {
    return {
      response: apiError(
        422,
        'image',
        image.name,
        'must be a PNG, JPEG, GIF or WebP image (its bytes are none of these)',
        'invalid',
      ),
    };
  }
  if (image.bytes.length > MAX_AVATAR_BYTES) {
    return { response: apiError(422, 'image', image.name, 'is too large (at most 2 MB)', 'too_long') };
  }
  const file = `${user.id}-${context.requestId.slice(0, 8)}.${IMAGE_EXTENSIONS[type]}`;
  context.workspace.setAvatar(user, {
    file,
    avatar: { contentType: type, bytes: image.bytes },
    url: `${AVATAR_PATH}${file}`,
  });
  return {
    response: json(200, { data: { image_url: imageUrlView(user.image_url, context.publicRoot) } }),
    changed: true,
  };
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
