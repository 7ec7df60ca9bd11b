// The emulator's fixed tokens: each belongs to a seeded user (the state's `tokens` maps them, so an
// imported workspace can reassign them) and holds the scopes a real token of that kind would.
import { ALL_SCOPES, MEMBER_SCOPES, READ_SCOPES } from './scopes.js';

export interface TokenSpec {
  /** The seeded user it belongs to. */
  userId: number;
  scopes: readonly string[];
  /** `name` in GET /oauth/token/info; bot tokens have none. */
  name: string | null;
  description: string;
}

export const TOKENS: Readonly<Record<string, TokenSpec>> = {
  'test-token': {
    userId: 12,
    scopes: ALL_SCOPES,
    name: 'Emulator: owner',
    description: 'the owner (Oleg Petrov, id 12): everything',
  },
  'admin-token': {
    userId: 14,
    scopes: ALL_SCOPES,
    name: 'Emulator: admin',
    description: 'another admin (id 14): everything except changing, deleting or setting the avatar of the owner',
  },
  'user-token': {
    userId: 13,
    scopes: MEMBER_SCOPES,
    name: 'Emulator: user',
    description: 'a user (anna, id 13): read, and change their own profile, status and avatar',
  },
  'bot-token': {
    userId: 15,
    scopes: MEMBER_SCOPES,
    name: null,
    description: "a bot (id 15): as user-token, and sees others' email and phone_number as null",
  },
  'readonly-token': {
    userId: 12,
    scopes: READ_SCOPES,
    name: 'Emulator: read-only',
    description: 'the owner with read scopes only: every write is 403 insufficient_scope',
  },
  'guest-token': {
    userId: 16,
    scopes: MEMBER_SCOPES,
    name: 'Emulator: guest',
    description: 'a guest (id 16): guests cannot use the API, every call is 403 access_denied',
  },
};

/** Token → what it may do, for the start banner and the docs. */
export const EMULATOR_TOKENS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TOKENS).map(([token, { description }]) => [token, description]),
);

/** As GET /oauth/token/info shows a token: its first 8 and last 4 characters. */
export const maskToken = (token: string): string => `${token.slice(0, 8)}...${token.slice(-4)}`;
