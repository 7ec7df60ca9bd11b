// How stored records look in answers: a User with tag names, custom property names and types, its
// status unless expired, and email and phone hidden from bots (except on their own profile).
import type { components } from '../../generated/schema.js';
import type { Context } from './context.js';
import type { StoredStatus, StoredUser } from './types.js';
import { AVATAR_PATH } from './workspace.js';

export type User = components['schemas']['User'];
export type UserStatus = components['schemas']['UserStatus'];

/** A status past `expires_at` (on the emulator's clock) reads as cleared. */
export const isLive = (status: StoredStatus | null, now: number): status is StoredStatus =>
  status !== null && (status.expires_at === null || Date.parse(status.expires_at) > now);

export function statusView(status: StoredStatus | null, now: number): UserStatus | null {
  if (!isLive(status, now)) return null;
  const { away_message, ...rest } = status;
  return { ...rest, away_message: away_message === null ? null : { text: away_message } };
}

/** What of a request a view depends on: who asks, when, and where the emulator is reached. */
export type ViewContext = Pick<Context, 'workspace' | 'viewer' | 'now' | 'publicRoot'>;

/**
 * An image_url as clients get it. The workspace keeps the avatars it serves itself as paths
 * (`/__emulator/avatars/<file>`), so a state works at any origin; older states hold whole URLs.
 */
export const imageUrlView = (imageUrl: string | null, publicRoot: string): string | null =>
  imageUrl?.startsWith(AVATAR_PATH) ? `${publicRoot}${imageUrl}` : imageUrl;

export function userView({ workspace, viewer, now, publicRoot }: ViewContext, user: StoredUser): User {
  const hidden = viewer.bot && viewer.id !== user.id;
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    nickname: user.nickname,
    email: hidden ? null : user.email,
    phone_number: hidden ? null : user.phone_number,
    department: user.department,
    title: user.title,
    role: user.role,
    suspended: user.suspended,
    invite_status: user.invite_status,
    inviter_id: user.inviter_id,
    list_tags: user.group_tag_ids.map((id) => workspace.groupTag(id).name),
    custom_properties: user.custom_properties.map(({ id, value }) => {
      const { name, data_type } = workspace.customProperty(id);
      return { id, name, data_type, value };
    }),
    user_status: statusView(user.status, now),
    bot: user.bot,
    sso: user.sso,
    created_at: user.created_at,
    last_activity_at: user.last_activity_at,
    time_zone: user.time_zone,
    image_url: imageUrlView(user.image_url, publicRoot),
  };
}

/** The name the request journal shows for a user. */
export const displayName = (user: StoredUser): string =>
  [user.first_name, user.last_name].filter(Boolean).join(' ') || user.nickname || user.email || `#${user.id}`;
