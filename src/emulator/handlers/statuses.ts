// Statuses: PUT takes `away_message` as a string and answers it as `{text}`; GET answers the JSON
// literal null when none is set or it has expired on the emulator's clock; DELETE clears it.
import { checkText } from '../fields.js';
import { apiErrors, fieldError, json, noContent, type FieldError } from '../responses.js';
import { statusView } from '../views.js';
import { userOf } from './users.js';
import type { Context, Handler } from '../context.js';
import type { StoredStatus, StoredUser } from '../types.js';

interface StatusInput {
  emoji: string;
  title: string;
  expires_at?: string;
  is_away?: boolean;
  away_message?: string;
}

/** One emoji: a pictograph or a flag, with its modifiers and joiners. */
const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3)*$/u;

function statusErrors(input: StatusInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.emoji.trim() === '') errors.push(fieldError('emoji', input.emoji, "can't be blank", 'blank'));
  else if (!EMOJI.test(input.emoji)) errors.push(fieldError('emoji', input.emoji, 'is not an emoji', 'wrong_emoji'));
  checkText(errors, 'title', input.title, 50, { blank: false });
  if (input.expires_at !== undefined && Number.isNaN(Date.parse(input.expires_at))) {
    errors.push(fieldError('expires_at', input.expires_at, 'is not a date-time (ISO-8601)', 'invalid'));
  }
  checkText(errors, 'away_message', input.away_message, 1024);
  return errors;
}

/** The user the operation is about: the path's for /users/{user_id}/status, else the token's own. */
const subject = (context: Context): StoredUser | Response =>
  'user_id' in context.params ? userOf(context, 'user_id') : context.viewer;

function put(context: Context) {
  const user = subject(context);
  if (user instanceof Response) return { response: user };
  const input = (context.body as { status: StatusInput }).status;
  const errors = statusErrors(input);
  if (errors.length) return { response: apiErrors(422, errors) };
  const status: StoredStatus = {
    emoji: input.emoji,
    title: input.title,
    expires_at: input.expires_at === undefined ? null : new Date(input.expires_at).toISOString(),
    is_away: input.is_away ?? false,
    away_message: input.away_message ?? null,
  };
  user.status = status;
  context.workspace.touch(user);
  // Answered as set, even with an expires_at already past: the next read shows it cleared.
  return { response: json(200, { data: statusView(status, Number.NEGATIVE_INFINITY) }), changed: true };
}

function get(context: Context) {
  const user = subject(context);
  if (user instanceof Response) return { response: user };
  const status = statusView(user.status, context.now);
  return { response: json(200, status === null ? null : { data: status }) };
}

function remove(context: Context) {
  const user = subject(context);
  if (user instanceof Response) return { response: user };
  const changed = user.status !== null;
  user.status = null;
  if (changed) context.workspace.touch(user);
  return { response: noContent(), changed };
}

export const statusHandlers: Record<string, Handler> = {
  getProfileStatus: get,
  updateProfileStatus: put,
  deleteProfileStatus: remove,
  getUserStatus: get,
  updateUserStatus: put,
  deleteUserStatus: remove,
};
