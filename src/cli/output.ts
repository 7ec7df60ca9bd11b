// How results are printed: a table (lists) or key/value view (one object) on a terminal, JSON
// when piped, YAML, CSV or TSV (--plain) on request. Column choice is generic: scalar fields, in
// the API's order, as many as fit the terminal, unless --columns names them. The view comes from
// view.ts, the record shaping from records.ts, the table plumbing from text-table.ts.
import { isPlainObject } from '../core/json.js';
import type { Output } from './io.js';
import {
  asRecords,
  cellText,
  checkColumns,
  columnsOf,
  dataOf,
  isScalar,
  pick,
  type Result,
  rowsOf,
  scalarColumns,
  scalarText,
} from './records.js';
import { loadTable, NO_BORDERS, PLAIN_STYLE, trimLines } from './text-table.js';
import type { View } from './view.js';

// yaml loads only when a format needs it: a CLI's start-up time is felt.
type YamlModule = typeof import('yaml');
const loadYaml = (): Promise<YamlModule> => import('yaml');

const MAX_CELL = 40;

const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;

function shorten(text: string, max = MAX_CELL): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Hard-wraps long lines to `width`, keeping each line's indentation on its continuations. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const indent = line.slice(0, line.length - line.trimStart().length);
      const room = Math.max(width - indent.length, 10);
      const rest = line.slice(indent.length);
      if (line.length <= width) return [line];
      const pieces: string[] = [];
      for (let i = 0; i < rest.length; i += room) pieces.push(indent + rest.slice(i, i + room));
      return pieces;
    })
    .join('\n');
}

/** A value in the key/value view: nested objects as YAML, lists of scalars as `a, b`. */
function detailText(value: unknown, yaml: YamlModule): string {
  if (isScalar(value)) return scalarText(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.map(scalarText).join(', ');
  return yaml.stringify(value).trimEnd();
}

/** Scalar columns in the API's order, as many as fit `width` (always at least one). */
function tableColumns(items: Record<string, unknown>[], width: number): string[] {
  const scalar = scalarColumns(items);
  const chosen: string[] = [];
  let used = 0;
  for (const key of scalar) {
    const cell = Math.max(key.length, ...items.map((item) => shorten(scalarText(item[key])).length)) + 2;
    if (chosen.length > 0 && used + cell > width) break;
    chosen.push(key);
    used += cell;
  }
  return chosen;
}

async function listTable(items: unknown[], view: View): Promise<string> {
  if (items.length === 0) return '(no items)';
  if (!items.every(isPlainObject)) {
    const yaml = await loadYaml();
    return items.map((item) => detailText(item, yaml)).join('\n');
  }
  const Table = await loadTable();
  const columns = view.columns ?? (view.truncate ? tableColumns(items, view.width) : scalarColumns(items));
  // Chosen columns share the width; the automatic ones were picked to fit it already.
  const cellMax = view.columns
    ? Math.max(8, Math.min(MAX_CELL, Math.floor(view.width / columns.length) - 2))
    : MAX_CELL;
  const cell = (value: unknown) => (view.truncate ? shorten(cellText(value), cellMax) : cellText(value));
  const head = view.header ? columns.map((c) => (view.color ? bold(c) : c)) : [];
  const table = new Table({ head, style: PLAIN_STYLE, chars: NO_BORDERS });
  for (const item of items) table.push(columns.map((key) => cell(item[key])));
  const hidden = view.columns ? 0 : columnsOf(items).length - columns.length;
  const note = hidden > 0 ? `\n${items.length} items; ${hidden} more fields with -o json or -o yaml` : '';
  return trimLines(table.toString()) + note;
}

async function detailTable(value: Record<string, unknown>, view: View): Promise<string> {
  const [Table, yaml] = await Promise.all([loadTable(), loadYaml()]);
  const table = new Table({ style: PLAIN_STYLE, chars: NO_BORDERS });
  const shown = view.columns ? (pick(value, view.columns) as Record<string, unknown>) : value;
  const keyWidth = Math.max(...Object.keys(shown).map((k) => k.length), 1);
  // Padding takes 4 columns.
  const valueWidth = Math.max(view.width - keyWidth - 4, 20);
  for (const [key, item] of Object.entries(shown)) {
    const text = detailText(item, yaml);
    table.push({ [view.color ? bold(key) : key]: view.truncate ? wrap(text, valueWidth) : text });
  }
  return trimLines(table.toString());
}

function csvField(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(items: unknown[], view: View): string {
  const rows = asRecords(items);
  const columns = view.columns ?? columnsOf(rows);
  const lines = rows.map((row) => columns.map((key) => csvField(row[key])).join(','));
  if (view.header) lines.unshift(columns.map(csvField).join(','));
  return lines.join('\r\n');
}

/** `--plain`: tab-separated, no header, `id` first (for `cut -f1`), nothing cut or coloured. */
function plain(items: unknown[], view: View): string {
  const rows = asRecords(items);
  const all = columnsOf(rows);
  const columns = view.columns ?? (all.includes('id') ? ['id', ...all.filter((c) => c !== 'id')] : all);
  // A tab or line break inside a value would split it into two fields or two rows.
  const field = (value: unknown) => cellText(value).replace(/[\t\r\n]+/g, ' ');
  return rows.map((row) => columns.map((key) => field(row[key])).join('\t')).join('\n');
}

/** The text to print on stdout, or undefined for nothing (a 204 outside a table). */
export async function render(result: Result, view: View): Promise<string | undefined> {
  if (result.kind === 'done') return view.format === 'table' ? result.message : undefined;
  checkColumns(view.columns, rowsOf(result));
  switch (view.format) {
    case 'json':
      return JSON.stringify(dataOf(result, view.columns), null, 2);
    case 'yaml':
      return (await loadYaml()).stringify(dataOf(result, view.columns)).trimEnd();
    case 'csv':
      return result.kind === 'null' ? '' : csv(rowsOf(result), view);
    case 'plain':
      return result.kind === 'null' ? '' : plain(rowsOf(result), view);
    case 'table':
      if (result.kind === 'null') return result.message;
      return result.kind === 'list' ? listTable(result.items, view) : detailTable(result.value, view);
  }
}

export async function print(result: Result, view: View, stdout: Output): Promise<void> {
  const text = await render(result, view);
  if (text !== undefined && text !== '') stdout.write(`${text}\n`);
}
