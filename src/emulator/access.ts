// Who is calling and what they may do: the Bearer token's user, re-checked on every request as
// the API does (a suspended user's token stops working, a deleted user's never works again,
// guests cannot use the API, and a role change narrows the token's scopes at once).
import { oauthError } from './responses.js';
import { ADMIN_ONLY_SCOPES, scopeOf } from './scopes.js';
import { TOKENS } from './tokens.js';
import type { StoredUser } from './types.js';
import type { Workspace } from './workspace.js';

export interface Caller {
  token: string;
  user: StoredUser;
  scopes: readonly string[];
}

const BEARER = /^Bearer (\S+)$/;

/** The token of a request, if it sends one. */
export const bearerToken = (request: Request): string | undefined =>
  BEARER.exec(request.headers.get('authorization') ?? '')?.[1];

/** The caller, or the 401/403 the API answers instead. */
export function authenticate(workspace: Workspace, token: string | undefined): Caller | Response {
  if (token === undefined) return oauthError(401, 'invalid_token', 'Access token is missing');
  const spec = TOKENS[token];
  const userId = workspace.tokens.get(token);
  if (!spec || userId === undefined) return oauthError(401, 'invalid_token', 'The access token is invalid');
  const user = workspace.users.get(userId);
  if (!user) return oauthError(401, 'invalid_token', "The access token's user was deleted");
  if (user.suspended) return oauthError(401, 'invalid_token', "The access token's user is suspended");
  const scopes = user.role === 'admin' ? spec.scopes : spec.scopes.filter((scope) => !ADMIN_ONLY_SCOPES.has(scope));
  return { token, user, scopes };
}

/**
 * The 403 for an operation the caller may not use, or undefined: guests may use none that needs a
 * scope (GET /oauth/token/info needs none and declares no 403), others none whose scope they lack.
 */
export function scopeRefusal(caller: Caller, operationId: string): Response | undefined {
  const scope = scopeOf(operationId);
  if (scope === undefined) return undefined;
  if (caller.user.role === 'guest' || caller.user.role === 'multi_guest') {
    return oauthError(403, 'access_denied', 'Guests cannot use the API');
  }
  if (caller.scopes.includes(scope)) return undefined;
  return oauthError(403, 'insufficient_scope', `Insufficient scope. Required: ${scope}`);
}
