// GET /profile: the token's own user, who always sees their own email and phone.
import { json } from '../responses.js';
import { userView } from '../views.js';
import type { Handler } from '../context.js';

export const profileHandlers: Record<string, Handler> = {
  getProfile: (context) => ({ response: json(200, { data: userView(context, context.viewer) }) }),
};
