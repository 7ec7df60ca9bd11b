// The owner is protected (Pachca's permissions guide): another token may not change, delete or
// set the avatar of the owner, and the owner may not change their own role or suspend themselves.
import { apiError } from './responses.js';
import type { Context } from './context.js';
import type { StoredUser } from './types.js';

/** The 403 for a change of the owner by someone else, or undefined when it is allowed. */
export function ownerProtection({ workspace, viewer }: Context, target: StoredUser): Response | undefined {
  if (target.id !== workspace.ownerId || viewer.id === target.id) return undefined;
  return apiError(
    403,
    'id',
    String(target.id),
    'The workspace owner can only be changed by the owner',
    'owner_protected',
  );
}
