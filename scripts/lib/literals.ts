// Renders example values as source text: JavaScript literals for SDK samples, shell words for
// CLI and curl samples.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// The code panel of the docs shows about 64 columns before it scrolls.
const MAX_LINE = 64;

/**
 * A JavaScript literal in the style of the README: single quotes, bare keys, and objects or
 * arrays wrapped one entry per line when they would run past 64 columns. `column` is where the
 * literal starts; `indent` is the indentation of the line it starts on.
 */
export function jsLiteral(value: unknown, indent = '', column = indent.length): string {
  const inline = jsInline(value);
  if (column + inline.length <= MAX_LINE || value === null || typeof value !== 'object') return inline;
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((item) => `${inner}${jsLiteral(item, inner)},`)
    : Object.entries(value).map(([key, item]) => {
        const head = `${inner}${jsKey(key)}: `;
        return `${head}${jsLiteral(item, inner, head.length)},`;
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
const jsString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** A shell word: bare when it is plainly safe, otherwise double-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** A single-quoted shell word, for text that must reach the program byte for byte (JSON bodies). */
export function shellSingleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
