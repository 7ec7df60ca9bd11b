// GET /oauth/token/info: the fixed token's masked form, its user and the scopes it may use.
import { json } from '../responses.js';
import { maskToken, TOKENS } from '../tokens.js';
import type { Handler } from '../context.js';

/** Tokens of the emulator were "created" once, long before any request. */
const CREATED_AT = '2025-01-15T10:30:00.000Z';
const FIRST_TOKEN_ID = 4827;

export const tokenInfoHandlers: Record<string, Handler> = {
  getTokenInfo: ({ token, viewer, scopes, tokenLastUsedAt }) => ({
    response: json(200, {
      data: {
        id: FIRST_TOKEN_ID + Object.keys(TOKENS).indexOf(token),
        token: maskToken(token),
        name: TOKENS[token]?.name ?? null,
        user_id: viewer.id,
        scopes,
        created_at: CREATED_AT,
        revoked_at: null,
        expires_in: null,
        last_used_at: tokenLastUsedAt,
      },
    }),
  }),
};
