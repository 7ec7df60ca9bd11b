// What a command produced, and the generic shaping every format shares: which fields a list has
// (in the API's order), which of them are scalar, a value as cell text, `--columns` checked
// against the data and applied to it.
import { isPlainObject } from '../core/json.js';
import { UsageError } from './errors.js';

/** What a command produced. A `page` keeps its `meta` (cursors) in JSON and YAML. */
export type Result =
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'null'; message: string }
  | { kind: 'list'; items: unknown[]; meta?: unknown }
  | { kind: 'done'; message: string };

export const isScalar = (value: unknown) => value === null || typeof value !== 'object';

export function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A cell's text: scalars as they are, anything else as JSON. */
export const cellText = (value: unknown) => (isScalar(value) ? scalarText(value) : JSON.stringify(value));

/** Every field of the items that are objects, in the order they first appear. */
export function columnsOf(items: unknown[]): string[] {
  const keys: string[] = [];
  for (const item of items)
    if (isPlainObject(item)) for (const key of Object.keys(item)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** The fields that are scalar in every item. */
export const scalarColumns = (items: Record<string, unknown>[]) =>
  columnsOf(items).filter((key) => items.every((item) => isScalar(item[key])));

/** Items as records: an item that is not an object becomes `{ value }`. */
export const asRecords = (items: unknown[]) => items.map((item) => (isPlainObject(item) ? item : { value: item }));

/** The records a result prints as rows (one for an object). */
export function rowsOf(result: Result): unknown[] {
  if (result.kind === 'list') return result.items;
  if (result.kind === 'object') return [result.value];
  return [];
}

/** Checks `--columns` against the fields the data has: a typo is a usage error naming the valid ones. */
export function checkColumns(columns: string[] | undefined, rows: unknown[]): void {
  if (!columns) return;
  const records = rows.filter(isPlainObject);
  // Nothing came back: there is nothing to check the names against, and nothing to print.
  if (records.length === 0) return;
  const valid = columnsOf(records);
  const unknown = columns.filter((c) => !valid.includes(c));
  if (unknown.length) {
    throw new UsageError(
      `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; valid columns: ${valid.join(', ')}`,
    );
  }
}

/** An object cut down to `columns` (a missing one is null); anything else as it is. */
export const pick = (item: unknown, columns: string[]) =>
  isPlainObject(item) ? Object.fromEntries(columns.map((c) => [c, item[c] ?? null])) : item;

/** The data a result stands for in JSON and YAML, with only the chosen columns. */
export function dataOf(result: Result, columns: string[] | undefined): unknown {
  const project = (item: unknown) => (columns ? pick(item, columns) : item);
  switch (result.kind) {
    case 'object':
      return project(result.value);
    case 'null':
      return null;
    case 'list': {
      const items = result.items.map(project);
      return result.meta === undefined ? items : { data: items, meta: result.meta };
    }
    case 'done':
      return undefined;
  }
}
