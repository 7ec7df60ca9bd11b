// The engine's semantics, one handler per operationId. An operation of the spec that has none
// answers its first success example and is listed in `unimplemented`.
import type { Handler } from '../context.js';
import { avatarHandlers } from './avatars.js';
import { customPropertyHandlers } from './custom-properties.js';
import { groupTagHandlers } from './group-tags.js';
import { profileHandlers } from './profile.js';
import { statusHandlers } from './statuses.js';
import { tokenInfoHandlers } from './token-info.js';
import { userHandlers } from './users.js';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...profileHandlers,
  ...tokenInfoHandlers,
  ...customPropertyHandlers,
  ...groupTagHandlers,
  ...userHandlers,
  ...statusHandlers,
  ...avatarHandlers,
};
