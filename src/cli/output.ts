// How results are printed: a table (lists) or key/value view (one object) on a terminal, JSON
// when piped, YAML, CSV or TSV (--plain) on request. Column choice is generic: scalar fields, in
// the API's order, as many as fit the terminal, unless --columns names them.
// yaml and cli-table3 load only when a format needs them: a CLI's start-up time is felt.
import { isPlainObject } from '../core/json.js';
import { UsageError } from './errors.js';
import type { CliIo, Output } from './io.js';

type TableClass = typeof import('cli-table3');
type YamlModule = typeof import('yaml');
const loadTable = async (): Promise<TableClass> => (await import('cli-table3')).default;
const loadYaml = (): Promise<YamlModule> => import('yaml');

export const FORMATS = ['table', 'json', 'yaml', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** What a command produced. A `page` keeps its `meta` (cursors) in JSON and YAML. */
export type Result =
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'null'; message: string }
  | { kind: 'list'; items: unknown[]; meta?: unknown }
  | { kind: 'done'; message: string };

export function defaultFormat(requested: Format | undefined, stdout: Output): Format {
  return requested ?? (stdout.isTTY ? 'table' : 'json');
}

/** How to print: the format and the output flags every data-printing command takes. */
export interface View {
  format: Format | 'plain';
  /** `--columns`: these fields, in this order. */
  columns?: string[];
  header: boolean;
  truncate: boolean;
  color: boolean;
  width: number;
}

/** The output flags, as commander parses them. */
export interface OutputFlags {
  output?: Format;
  columns?: string[];
  showHeader?: boolean;
  truncate?: boolean;
  plain?: boolean;
  color?: boolean;
}

/** `--no-color`, NO_COLOR (any non-empty value, see no-color.org), TERM=dumb or a pipe turn colour off. */
export function colorEnabled(flags: OutputFlags, io: Pick<CliIo, 'env'>, stream: Output): boolean {
  return flags.color !== false && !io.env.NO_COLOR && io.env.TERM !== 'dumb' && stream.isTTY === true;
}

export function viewFor(flags: OutputFlags, io: Pick<CliIo, 'env' | 'stdout'>): View {
  const plain = flags.plain === true;
  return {
    format: plain ? 'plain' : defaultFormat(flags.output, io.stdout),
    ...(flags.columns ? { columns: flags.columns } : {}),
    header: !plain && flags.showHeader !== false,
    truncate: !plain && flags.truncate !== false,
    color: !plain && colorEnabled(flags, io, io.stdout),
    width: io.stdout.columns || DEFAULT_WIDTH,
  };
}

/** `--columns id,email`: a comma list, order kept. */
export function parseColumns(text: string): string[] {
  const columns = text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (columns.length === 0) throw new UsageError('--columns needs at least one column name, e.g. --columns id,email');
  return columns;
}

const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;

const MAX_CELL = 40;
const DEFAULT_WIDTH = 120;
// Borderless columns (like kubectl or gh). cli-table3's own colours stay off: the header is bold
// only when View.color says the output is a terminal that wants colour.
const PLAIN_STYLE = { head: [] as string[], border: [] as string[], 'padding-left': 0, 'padding-right': 2 };
const NO_BORDERS = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
    'middle',
  ].map((c) => [c, '']),
);

const isScalar = (value: unknown) => value === null || typeof value !== 'object';

function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

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

function columnsOf(items: unknown[]): string[] {
  const keys: string[] = [];
  for (const item of items)
    if (isPlainObject(item)) for (const key of Object.keys(item)) if (!keys.includes(key)) keys.push(key);
  return keys;
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

const scalarColumns = (items: Record<string, unknown>[]) =>
  columnsOf(items).filter((key) => items.every((item) => isScalar(item[key])));

/** A cell's text: scalars as they are, anything else as JSON. */
const cellText = (value: unknown) => (isScalar(value) ? scalarText(value) : JSON.stringify(value));

/** The records a result prints as rows (one for an object). */
function rowsOf(result: Result): unknown[] {
  if (result.kind === 'list') return result.items;
  if (result.kind === 'object') return [result.value];
  return [];
}

/** Checks `--columns` against the fields the data has: a typo is a usage error naming the valid ones. */
function checkColumns(columns: string[] | undefined, rows: unknown[]): void {
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

const pick = (item: unknown, columns: string[]) =>
  isPlainObject(item) ? Object.fromEntries(columns.map((c) => [c, item[c] ?? null])) : item;

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

const trimLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');

function csvField(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const asRecords = (items: unknown[]) => items.map((item) => (isPlainObject(item) ? item : { value: item }));

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

/** The data a result stands for in JSON and YAML, with only the chosen columns. */
function dataOf(result: Result, columns: string[] | undefined): unknown {
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

/** Rows of text in aligned columns without borders (help-like listings); the last column wraps to `width`. */
export async function textTable(rows: string[][], width?: number): Promise<string> {
  const Table = await loadTable();
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)) + 2) ?? [];
  const last = width === undefined ? undefined : Math.max(width - widths.slice(0, -1).reduce((a, b) => a + b, 0), 20);
  const table = new Table({
    style: PLAIN_STYLE,
    chars: NO_BORDERS,
    ...(last === undefined ? {} : { colWidths: [...widths.slice(0, -1), last], wordWrap: true }),
  });
  table.push(...rows);
  return trimLines(table.toString());
}
