// Renders values as source text: JavaScript literals for SDK samples and for the data tables of
// generated/, shell words for CLI and curl samples.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// The code panel of the docs shows about 64 columns before it scrolls.
const SAMPLE_LINE = 64;
// The line width of the code base (biome.jsonc): generated files keep to it where they can.
const SOURCE_LINE = 120;

/**
 * A JavaScript literal in the style of the README: single quotes, bare keys, and objects or
 * arrays wrapped one entry per line when they would run past 64 columns. `column` is where the
 * literal starts; `indent` is the indentation of the line it starts on.
 */
export const jsLiteral = (value: unknown, indent = '', column = indent.length): string =>
  wrapped(value, indent, column, { maxLine: SAMPLE_LINE, after: 0, entryAfter: 0 });

/**
 * A data literal of a generated file: as jsLiteral, wrapped at the code base's 120 columns,
 * counting the comma after each entry and the `after` characters that follow the literal, so that
 * each entry that does not fit on its parent's line has its own line and a one-field change to
 * the spec is a one- or few-line diff.
 */
export const sourceLiteral = (value: unknown, indent = '', column = indent.length, after = 1): string =>
  wrapped(value, indent, column, { maxLine: SOURCE_LINE, after, entryAfter: 1 });

interface Width {
  maxLine: number;
  /** Characters that follow the literal on its last line. */
  after: number;
  /** Characters that follow each entry of a wrapped literal (its comma, where counted). */
  entryAfter: number;
}

function wrapped(value: unknown, indent: string, column: number, width: Width): string {
  const inline = jsInline(value);
  if (column + inline.length + width.after <= width.maxLine || value === null || typeof value !== 'object') {
    return inline;
  }
  const inner = `${indent}  `;
  const entry = { ...width, after: width.entryAfter };
  const lines = Array.isArray(value)
    ? value.map((item) => `${inner}${wrapped(item, inner, inner.length, entry)},`)
    : Object.entries(value).map(([key, item]) => {
        const head = `${inner}${jsKey(key)}: `;
        return `${head}${wrapped(item, inner, head.length, entry)},`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join('\n')}\n${indent}${close}`;
}

function jsInline(value: unknown): string {
  if (typeof value === 'string') return jsString(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsInline).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${jsKey(key)}: ${jsInline(item)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

const jsKey = (key: string) => (IDENTIFIER.test(key) ? key : jsString(key));
/** JSON's escapes (every control character) in single quotes. */
const jsString = (text: string) => `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;

/** A shell word: bare when it is plainly safe, otherwise double-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** A single-quoted shell word, for text that must reach the program byte for byte (JSON bodies). */
export function shellSingleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
