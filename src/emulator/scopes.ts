// Which scope each operation needs and which scopes a role may hold (Pachca's permissions guide:
// scopes only narrow access, and only owners and admins may hold the scopes that change others).
import { mswOperations } from '../../generated/msw.js';

/**
 * The API docs name no scope for the avatar operations. The emulator asks for the scope that
 * Pachca's permissions guide lists for changing other users' avatars, and the matching one for
 * one's own, so that a read-only token cannot upload either.
 */
const UNDOCUMENTED_SCOPES: Readonly<Record<string, string>> = {
  updateProfileAvatar: 'profile_avatar:write',
  deleteProfileAvatar: 'profile_avatar:write',
  updateUserAvatar: 'user_avatar:write',
  deleteUserAvatar: 'user_avatar:write',
};

const rows = mswOperations as Readonly<Record<string, { route: string; scope?: string }>>;

/** The scope an operation needs; undefined when it needs none (GET /oauth/token/info). */
export const scopeOf = (operationId: string): string | undefined =>
  rows[operationId]?.scope ?? UNDOCUMENTED_SCOPES[operationId];

/** Every scope of the API, in table order. */
export const ALL_SCOPES: readonly string[] = [...new Set(Object.keys(rows).flatMap((id) => scopeOf(id) ?? []))];

/** Scopes only owners and admins may hold. */
export const ADMIN_ONLY_SCOPES: ReadonlySet<string> = new Set([
  'users:create',
  'users:update',
  'users:delete',
  'user_status:write',
  'user_avatar:write',
  'group_tags:write',
]);

/** The scopes of the operations that read (GET): a read-only token's, whatever operations the spec adds. */
export const READ_SCOPES: readonly string[] = [
  ...new Set(
    Object.keys(rows)
      .filter((id) => rows[id]?.route.startsWith('GET '))
      .flatMap((id) => scopeOf(id) ?? []),
  ),
];
export const MEMBER_SCOPES = ALL_SCOPES.filter((scope) => !ADMIN_ONLY_SCOPES.has(scope));
