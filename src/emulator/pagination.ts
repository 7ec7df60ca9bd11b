// Cursor pages as the API sends them: opaque cursors (base64url JSON of a position), all four
// `paginate` fields present and never null, `has_next: false` on the last page, and an empty tail
// answering the same `next_page` again so a cursor can be polled. A cursor names the id it comes
// after (or before), not an offset, so creates and deletes between pages never repeat or skip
// anyone. A search pages by offset and answers the search meta.
import { fromBase64Url, toBase64Url } from './base64.js';
import { lowerBound } from './workspace.js';

export const MAX_LIMIT = 50;

type Position = { after: number } | { before: number };

export const encodeCursor = (position: Position | { offset: number }): string => toBase64Url(JSON.stringify(position));

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): (Position | { offset: number }) | undefined {
  try {
    const value = JSON.parse(fromBase64Url(cursor)) as Record<string, unknown>;
    const [key, n] = Object.entries(value)[0] ?? [];
    if (Object.keys(value).length !== 1 || !Number.isSafeInteger(n) || (n as number) < 0) return undefined;
    if (key === 'after' || key === 'before' || key === 'offset') return { [key]: n } as Position | { offset: number };
  } catch {
    // not base64url JSON: answered like any other foreign cursor
  }
  return undefined;
}

export interface CursorPage {
  ids: number[];
  meta: { paginate: { next_page: string; prev_page: string; has_next: boolean; has_prev: boolean } };
}

/** One page of sorted `ids` at a keyset position. */
export function keysetPage(ids: readonly number[], position: Position | undefined, limit: number): CursorPage {
  let start: number;
  let end: number;
  if (position && 'before' in position) {
    end = lowerBound(ids, position.before);
    start = Math.max(0, end - limit);
  } else {
    start = position ? lowerBound(ids, position.after + 1) : 0;
    end = Math.min(ids.length, start + limit);
  }
  const page = ids.slice(start, end);
  // On an empty page the cursors stay where the reader is, so polling the tail keeps working.
  const after = page.at(-1) ?? (position && 'after' in position ? position.after : (ids[start - 1] ?? 0));
  const before = page[0] ?? after + 1;
  return {
    ids: page,
    meta: {
      paginate: {
        next_page: encodeCursor({ after }),
        prev_page: encodeCursor({ before }),
        has_next: end < ids.length,
        has_prev: start > 0,
      },
    },
  };
}

/** One page of search results at an offset, with the search meta. */
export function searchPage<T>(matches: readonly T[], offset: number, limit: number) {
  const page = matches.slice(offset, offset + limit);
  return {
    items: page,
    meta: { total: matches.length, paginate: { next_page: encodeCursor({ offset: offset + page.length }) } },
  };
}
