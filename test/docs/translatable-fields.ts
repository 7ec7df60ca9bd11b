// The human-readable text of a bundled spec: what a reader of the docs sees as prose, and what a
// translation overlay must cover. That includes the prose inside examples (a status's title, an
// away message, a job title, a department), which a reader would write in their own language.
// Every other example value (ids, emails, names, enums, dates), faker hints, enums, defaults and
// code samples are data, the same in every language, and are skipped.

export interface TextField {
  /** JSON Pointer (RFC 6901) of the translated text in a translated bundle. */
  pointer: string;
  /** The English text it translates. */
  english: string;
}

/** Keys whose string value is prose. */
const PROSE_KEYS = new Set(['title', 'summary', 'description']);
/** Keys whose value is data, never prose, wherever they appear. */
const DATA_KEYS = new Set(['default', 'enum', 'const', 'x-codeSamples']);
/** Fields whose string values in an example are prose; `text` is the away message's. */
export const PROSE_EXAMPLE_KEYS = new Set(['title', 'department', 'away_message', 'text']);

/**
 * Every prose field of `bundle` (a Redocly bundle, `$ref`s kept): titles, summaries and
 * descriptions anywhere in the document, except inside data. A tag's name is prose too: its
 * translation goes to `x-displayName`, so the name itself (and the docs' anchors made from it)
 * stays the same in every language.
 */
export function translatableFields(bundle: unknown): TextField[] {
  const fields: TextField[] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, String(i)]);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYS.has(key) || (key.startsWith('x-') && key !== 'x-displayName')) continue;
      // An Example Object's `value` is the example itself; `example` is a media type's or a schema's.
      if ((key === 'value' && path.at(-2) === 'examples') || key === 'example') {
        exampleProse(value, [...path, key], fields);
        continue;
      }
      if (typeof value === 'string' && PROSE_KEYS.has(key) && !isPropertiesMap(path))
        fields.push({ pointer: toPointer([...path, key]), english: value });
      else visit(value, [...path, key]);
    }
  };
  visit(bundle, []);
  const tags = isObject(bundle) && Array.isArray(bundle.tags) ? (bundle.tags as { name: string }[]) : [];
  for (const [i, tag] of tags.entries())
    fields.push({ pointer: toPointer(['tags', String(i), 'x-displayName']), english: tag.name });
  return fields;
}

/**
 * The prose strings of an example at `path`: the values of its prose fields, and the example
 * itself when it is the schema of such a field (`properties.title.example`).
 */
function exampleProse(example: unknown, path: string[], fields: TextField[]): void {
  const field = path.at(-3) === 'properties' ? path.at(-2) : undefined;
  if (typeof example === 'string') {
    if (field && PROSE_EXAMPLE_KEYS.has(field)) fields.push({ pointer: toPointer(path), english: example });
    return;
  }
  const visit = (node: unknown, at: string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...at, String(i)]);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && PROSE_EXAMPLE_KEYS.has(key) && value !== '')
        fields.push({ pointer: toPointer([...at, key]), english: value });
      else visit(value, [...at, key]);
    }
  };
  visit(example, path);
}

/** The value at a JSON Pointer, or undefined when the path does not exist. */
export function atPointer(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const segment of fromPointer(pointer)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The JSONPath (RFC 9535) of a JSON Pointer into `doc`, for an overlay target: `$.paths['/users'].get`. */
export function toJsonPath(doc: unknown, pointer: string): string {
  let node = doc;
  let path = '$';
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(node)) path += `[${segment}]`;
    else path += /^[A-Za-z_][\w-]*$/.test(segment) ? `.${segment}` : `['${segment}']`;
    node = (node as Record<string, unknown> | undefined)?.[segment];
  }
  return path;
}

// `properties: {title: {...}}` names a property called title: a schema, never prose.
const isPropertiesMap = (path: string[]) => path.at(-1) === 'properties';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const toPointer = (path: string[]) => path.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
const fromPointer = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));

/** A copy of `doc` without the values at `fields`' pointers: what is left when the prose is gone. */
export function withoutFields<T>(doc: T, fields: TextField[]): T {
  const copy = structuredClone(doc);
  for (const { pointer } of fields) {
    const path = fromPointer(pointer);
    const parent = atPointer(copy, toPointer(path.slice(0, -1)));
    if (isObject(parent)) delete parent[path.at(-1) as string];
  }
  return copy;
}

/**
 * Russian prose: Cyrillic letters, and more of them than Latin ones once code spans, URLs and
 * Markdown link targets are set aside (so `emoji`, `SSO` or `multipart/form-data` in a Russian
 * sentence are fine, an English sentence with one Russian word is not).
 */
export function isRussian(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const prose = text
    .replace(/`[^`]*`/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, '');
  const cyrillic = prose.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = prose.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return cyrillic > 0 && cyrillic >= latin;
}
