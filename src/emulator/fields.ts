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
function listLimit(query: URLSearchParams): number | Response {
  const raw = query.get('limit');
  if (raw === null) return MAX_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
    return apiError(422, 'limit', raw, `must be an integer from 1 to ${MAX_LIMIT}`, 'invalid');
  }
  return limit;
}

type Position = { after: number } | { before: number };

/** A list's `limit` and `cursor`, or the 4xx for either. `offset` lists are searches. */
export function listRequest(query: URLSearchParams, kind: 'keyset'): { limit: number; position?: Position } | Response;
export function listRequest(
  query: URLSearchParams,
  kind: 'offset',
): { limit: number; position?: { offset: number } } | Response;
export function listRequest(query: URLSearchParams, kind: 'keyset' | 'offset') {
  const limit = listLimit(query);
  if (limit instanceof Response) return limit;
  const raw = query.get('cursor');
  if (raw === null || raw === '') return { limit };
  const position = decodeCursor(raw);
  if (position && 'offset' in position === (kind === 'offset')) return { limit, position };
  return apiError(
    400,
    'cursor',
    raw,
    'is not a cursor of this list: pass meta.paginate.next_page or prev_page',
    'invalid',
  );
}
