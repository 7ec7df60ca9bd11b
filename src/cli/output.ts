// How results are printed: a table (lists) or key/value view (one object) on a terminal, JSON
// when piped, YAML or CSV on request. Column choice is generic: scalar fields, in the API's
// order, as many as fit the terminal.
// yaml and cli-table3 load only when a format needs them: a CLI's start-up time is felt.
import type { Output } from './io.js';

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

const MAX_CELL = 40;
// Borderless columns (like kubectl or gh) without colours, which would end up in files.
const PLAIN_STYLE = { head: [] as string[], border: [] as string[], 'padding-left': 0, 'padding-right': 2 };
const NO_BORDERS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'].map((c) => [c, '']),
);
const DEFAULT_WIDTH = 120;

const isScalar = (value: unknown) => value === null || typeof value !== 'object';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
      const indent = /^\s*/.exec(line)![0];
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
  for (const item of items) if (isRecord(item)) for (const key of Object.keys(item)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** Scalar columns in the API's order, as many as fit `width` (always at least one). */
function tableColumns(items: Record<string, unknown>[], width: number): string[] {
  const scalar = columnsOf(items).filter((key) => items.every((item) => isScalar(item[key])));
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

async function listTable(items: unknown[], width: number): Promise<string> {
  if (items.length === 0) return '(no items)';
  if (!items.every(isRecord)) {
    const yaml = await loadYaml();
    return items.map((item) => detailText(item, yaml)).join('\n');
  }
  const Table = await loadTable();
  const columns = tableColumns(items, width);
  const table = new Table({ head: columns, style: PLAIN_STYLE, chars: NO_BORDERS });
  for (const item of items) table.push(columns.map((key) => shorten(scalarText(item[key]))));
  const hidden = columnsOf(items).length - columns.length;
  const note = hidden > 0 ? `\n${items.length} items; ${hidden} more fields with -o json or -o yaml` : '';
  return trimLines(table.toString()) + note;
}

async function detailTable(value: Record<string, unknown>, width: number): Promise<string> {
  const [Table, yaml] = await Promise.all([loadTable(), loadYaml()]);
  const table = new Table({ style: PLAIN_STYLE, chars: NO_BORDERS });
  const keyWidth = Math.max(...Object.keys(value).map((k) => k.length), 1);
  // Padding takes 4 columns.
  const valueWidth = Math.max(width - keyWidth - 4, 20);
  for (const [key, item] of Object.entries(value)) table.push({ [key]: wrap(detailText(item, yaml), valueWidth) });
  return trimLines(table.toString());
}

const trimLines = (text: string) => text.split('\n').map((line) => line.trimEnd()).join('\n');

function csvField(value: unknown): string {
  const text = isScalar(value) ? scalarText(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(items: unknown[]): string {
  const rows = items.map((item) => (isRecord(item) ? item : { value: item }));
  const columns = columnsOf(rows);
  const lines = [columns.map(csvField).join(','), ...rows.map((row) => columns.map((key) => csvField(row[key])).join(','))];
  return lines.join('\r\n');
}

/** The data a result stands for in JSON and YAML. */
function dataOf(result: Result): unknown {
  switch (result.kind) {
    case 'object':
      return result.value;
    case 'null':
      return null;
    case 'list':
      return result.meta === undefined ? result.items : { data: result.items, meta: result.meta };
    case 'done':
      return undefined;
  }
}

/** The text to print on stdout, or undefined for nothing (a 204 in JSON mode); tables fit `width`. */
export async function render(result: Result, format: Format, width = DEFAULT_WIDTH): Promise<string | undefined> {
  if (result.kind === 'done') return format === 'table' ? result.message : undefined;
  switch (format) {
    case 'json':
      return JSON.stringify(dataOf(result), null, 2);
    case 'yaml':
      return (await loadYaml()).stringify(dataOf(result)).trimEnd();
    case 'csv':
      if (result.kind === 'null') return '';
      return csv(result.kind === 'list' ? result.items : [result.value]);
    case 'table':
      if (result.kind === 'null') return result.message;
      return result.kind === 'list' ? listTable(result.items, width) : detailTable(result.value, width);
  }
}

export async function print(result: Result, format: Format, stdout: Output): Promise<void> {
  const text = await render(result, format, stdout.columns || DEFAULT_WIDTH);
  if (text !== undefined && text !== '') stdout.write(text + '\n');
}
