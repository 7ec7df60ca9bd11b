// Turns `pachca api` flags into a request: query pairs, a JSON body from typed fields
// (`-F user[first_name]=Ivan`), a whole body (--input, --data) or a multipart form (--file).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isPlainObject } from '../core/json.js';
import { contentTypeFor } from '../core/uploads.js';
import { UsageError } from './errors.js';
import { type Input, readAll } from './io.js';

/** One `-f` or `-F`: both flags collect into one list, so a list field keeps the order given. */
export interface FieldFlag {
  typed: boolean;
  text: string;
}

export interface ApiFlags {
  query?: string[];
  fields?: FieldFlag[];
  input?: string;
  data?: string;
  file?: string[];
}

/** `key=value` → [key, value]; the value may hold more `=`. */
export function splitPair(text: string, flag: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`${flag} takes key=value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `-F` values: integers, true/false, null and JSON arrays/objects become JSON values; the rest stays text. */
export function typedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new UsageError(`-F value is not valid JSON: ${text}`);
    }
  }
  return text;
}

/** `user[first_name]` → ['user', 'first_name']; `names[]` ends in '' (append to a list). */
export function keyPath(key: string): string[] {
  if (!/^[^[\]]+(?:\[[^[\]]*\])*$/.test(key))
    throw new UsageError(`Bad field name "${key}": use name, name[inner] or name[] for a list`);
  // Checked above: a name, then `[inner]` groups; each piece after a `[` ends in its `]`.
  return key.split('[').map((piece, i) => (i === 0 ? piece : piece.slice(0, -1)));
}

/** Sets `value` at `path` in `target`, creating objects on the way; `key` names the field in errors. */
export function setPath(target: Record<string, unknown>, path: string[], value: unknown, key: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (rest[0] === '') {
    // `names[]=A -F names[]=B`: a list, in the order given.
    if (rest.length > 1) throw new UsageError(`Bad field name "${key}": [] must come last`);
    target[head] ??= [];
    const list = target[head];
    if (!Array.isArray(list)) throw new UsageError(`Field "${key}" mixes a list with a value`);
    list.push(value);
    return;
  }
  target[head] ??= {};
  const inner = target[head];
  if (!isPlainObject(inner)) throw new UsageError(`Field "${key}" nests inside a value`);
  setPath(inner, rest, value, key);
}

/** The body fields in command-line order: `-f` always text, `-F` typed. */
function fieldPairs(flags: ApiFlags): [string, unknown][] {
  return (flags.fields ?? []).map(({ typed, text }) => {
    const [key, value] = splitPair(text, typed ? '-F' : '-f');
    return [key, typed ? typedValue(value) : value];
  });
}

function parseBody(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

async function filePart(text: string): Promise<[string, File]> {
  const [field, path] = splitPair(text, '--file');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(
      `--file ${field}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return [field, new File([new Uint8Array(bytes)], basename(path), { type: contentTypeFor(path) })];
}

export interface PreparedRequest {
  query: [string, string][];
  /** A JSON value, a FormData, or undefined for no body. */
  body: unknown;
}

export async function prepareApiRequest(method: string, flags: ApiFlags, stdin: Input): Promise<PreparedRequest> {
  const query = (flags.query ?? []).map((text) => splitPair(text, '--query'));
  const fields = fieldPairs(flags);
  const wholeBody = [flags.input !== undefined && '--input', flags.data !== undefined && '--data'].filter(Boolean);
  if (wholeBody.length > 1) throw new UsageError('Give the body once: --input or --data, not both');
  if (wholeBody.length && (fields.length || flags.file?.length)) {
    throw new UsageError(`${wholeBody[0]} sends the whole body; it cannot be combined with -f, -F or --file`);
  }

  // A GET has no body: its fields are query parameters, as with `gh api`.
  if (method === 'GET' || method === 'HEAD') {
    if (wholeBody.length || flags.file?.length) throw new UsageError(`${method} sends no body: use --query or -f/-F`);
    for (const [key, value] of fields) query.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
    return { query, body: undefined };
  }

  if (flags.data !== undefined) return { query, body: parseBody(flags.data, '--data') };
  if (flags.input !== undefined) {
    const text =
      flags.input === '-'
        ? await readAll(stdin)
        : await readFile(flags.input, 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`--input: cannot read ${flags.input} (${error.code ?? error.message})`);
          });
    return {
      query,
      body: text.trim() === '' ? undefined : parseBody(text, flags.input === '-' ? 'stdin' : flags.input),
    };
  }
  if (flags.file?.length) {
    const form = new FormData();
    for (const [key, value] of fields) form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    for (const [field, file] of await Promise.all(flags.file.map(filePart))) form.append(field, file);
    return { query, body: form };
  }
  if (fields.length === 0) return { query, body: undefined };
  const body: Record<string, unknown> = {};
  for (const [key, value] of fields) setPath(body, keyPath(key), value, key);
  return { query, body };
}
