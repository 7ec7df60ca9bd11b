// How a command prints, decided from its output flags and the terminal: the format (a table on a
// terminal, JSON when piped), the chosen columns, the header, truncation, colour and width.
import { UsageError } from './errors.js';
import type { CliIo, Output } from './io.js';

export const FORMATS = ['table', 'json', 'yaml', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

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

/** The width a view assumes when stdout is not a terminal. */
const DEFAULT_WIDTH = 120;

export function defaultFormat(requested: Format | undefined, stdout: Output): Format {
  return requested ?? (stdout.isTTY ? 'table' : 'json');
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
