// The field rules the API checks beyond the body's shape: blank and too-long strings, limits and
// cursors of lists. Each adds an item of the API's `errors[]`.
import { decodeCursor, MAX_LIMIT } from './pagination.js';
import { apiError, fieldError, type FieldError } from './responses.js';

/** Checks an optional string field: `blank` (when it may not be blank) and `too_long`. */
export function checkText(
  errors: FieldError[],
  key: string,
  value: unknown,
  max: number,
  { blank = true }: { blank?: boolean } = {},
): void {
  if (typeof value !== 'string') return;
  if (!blank && value.trim() === '') errors.push(fieldError(key, value, "can't be blank", 'blank'));
  else if (value.length > max)
    errors.push(fieldError(key, value, `is too long (maximum is ${max} characters)`, 'too_long'));
}

/** `limit` of a list: 1..50, default 50; a Response when it is out of range. */
export function listLimit(query: URLSearchParams): number | Response {
  const raw = query.get('limit');
  if (raw === null) return MAX_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
    return apiError(422, 'limit', raw, `must be an integer from 1 to ${MAX_LIMIT}`, 'invalid');
  }
  return limit;
}

type Kind = 'keyset' | 'offset';

/** The position `cursor` names, undefined without one, or a 400 for a cursor this list did not hand out. */
export function listCursor(
  query: URLSearchParams,
  kind: 'keyset',
): { after: number } | { before: number } | undefined | Response;
export function listCursor(query: URLSearchParams, kind: 'offset'): { offset: number } | undefined | Response;
export function listCursor(query: URLSearchParams, kind: Kind) {
  const raw = query.get('cursor');
  if (raw === null || raw === '') return undefined;
  const position = decodeCursor(raw);
  if (position && 'offset' in position === (kind === 'offset')) return position;
  return apiError(
    400,
    'cursor',
    raw,
    'is not a cursor of this list: pass meta.paginate.next_page or prev_page',
    'invalid',
  );
}
