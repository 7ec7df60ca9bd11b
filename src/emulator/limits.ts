// What the emulator takes in one request, in one place: the Node server applies the body limit
// before it reads a body, the engine (under MSW too) after. Past it, 413 in the API's error shape.
import { apiError } from './responses.js';

/** The largest request body: an avatar is at most 2 MB, and a JSON body a few KB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The deepest JSON body read: no request of the API nests more than a few levels. */
export const MAX_JSON_DEPTH = 64;

/** The status of a body past MAX_BODY_BYTES, whatever the operation. */
export const BODY_TOO_LARGE_STATUS = 413;

/** The answer to a body past MAX_BODY_BYTES. */
export const bodyTooLarge = (): Response =>
  apiError(BODY_TOO_LARGE_STATUS, 'body', null, `is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, 'too_large');

/**
 * Whether `text`, valid JSON, nests arrays and objects deeper than `max`. Counted on the text, with
 * no recursion, so a body nested 100,000 levels costs one pass and no stack.
 */
export function nestedDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
