// `x-codeSamples` for every operation, written from the spec alone: the SDK call comes from
// `x-sdk-method`, the CLI line from `x-cli-command`, and every argument value from the examples of
// the operation's parameters and request body. Adding an operation to the spec adds its samples.
import { jsLiteral, shellSingleQuoted, shellWord } from './literals.js';
import { sdkQueryName } from '../../src/core/names.js';
import { isDestructive } from '../../src/cli/confirm.js';
import { isPlainObject } from '../../src/core/json.js';
import { parameterExample, requestBodyExample } from './examples.js';
import type { Operation, Spec } from './spec.js';
import { routeOf } from '../../src/core/operation.js';
import { operationRow } from './operation-table.js';
import type { LanguageCode } from './docs-languages.js';

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

// Shell lines wrap later than code: a command reads best whole.
const SHELL_LINE = 80;

/**
 * The comments in the samples, in each docs language (scripts/lib/docs-languages.ts). The code is
 * the same on every page; only what a reader is told about it follows the page's language.
 */
export const SAMPLE_COMMENTS: Record<LanguageCode, Record<'token' | 'everyItem' | 'nullable' | 'everyPage', string>> = {
  en: {
    token: 'token from PACHCA_TOKEN',
    everyItem: 'Or every item of every page, fetched as you go:',
    nullable: 'null when there is none',
    everyPage: 'Every page, with progress on stderr:',
  },
  ru: {
    token: 'токен из PACHCA_TOKEN',
    everyItem: 'Или все записи всех страниц, по мере загрузки:',
    nullable: 'null, если его нет',
    everyPage: 'Все страницы, ход загрузки — в stderr:',
  },
};

/** The samples in the order the docs offer them: the SDK first, which the docs show by default. */
export const SAMPLE_LANGUAGES = [
  { lang: 'TypeScript', label: 'TypeScript SDK' },
  { lang: 'Shell', label: 'CLI' },
  { lang: 'Shell', label: 'curl' },
] as const;

const CURL_LABEL = SAMPLE_LANGUAGES[2].label;

/** The TypeScript SDK, CLI and curl samples of one (dereferenced) operation. */
export function codeSamples(op: Operation, baseUrl: string, language: LanguageCode = 'en'): CodeSample[] {
  const [sdk, cli, curl] = SAMPLE_LANGUAGES;
  return [
    { ...sdk, source: sdkSample(op, language) },
    { ...cli, source: cliSample(op, language) },
    { ...curl, source: curlSample(op, baseUrl) },
  ];
}

/** Adds `x-codeSamples` to each operation of `bundled`, the samples written from `operations`. */
export function withCodeSamples(bundled: Spec, operations: Operation[], language: LanguageCode = 'en'): Spec {
  const baseUrl = bundled.servers[0]?.url ?? 'http://127.0.0.1:4010';
  for (const op of operations) {
    const target = bundled.paths[op.path]?.[op.method] as Record<string, unknown> | undefined;
    if (!target) throw new Error(`${op.operationId}: ${op.method.toUpperCase()} ${op.path} is missing from the bundle`);
    target['x-codeSamples'] = codeSamples(op, baseUrl, language);
  }
  return bundled;
}

/**
 * `spec` as the docs pages show it: Scalar writes the curl sample itself, for the server and token
 * selected in its console, so the fixed one (kept in the published bundle for other viewers) goes.
 */
export function pageSpec(spec: Spec): Spec {
  const copy = structuredClone(spec);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      const samples = operation['x-codeSamples'] as CodeSample[] | undefined;
      if (samples) operation['x-codeSamples'] = samples.filter((sample) => sample.label !== CURL_LABEL);
    }
  }
  return copy;
}

export function sdkSample(op: Operation, language: LanguageCode = 'en'): string {
  const comments = SAMPLE_COMMENTS[language];
  const row = operationRow(op);
  const [resource, method] = row.sdk.split('.') as [string, string];
  const call = `client.${row.sdk}`;
  const pathArgs = pathParameters(op).map((p) => parameterExample(op, p));
  const args: unknown[] = [...pathArgs];
  const body = requestBody(op);
  if (body.kind === 'json') args.push(row.bodyKey ? (body.value as Record<string, unknown>)[row.bodyKey] : body.value);
  if (body.kind === 'file') args.push(body.path);
  const query = sampleQuery(op);
  if (Object.keys(query).length) args.push(query);

  const lines = ["import { Pachca } from 'pachca-sdk';", '', `const client = new Pachca(); // ${comments.token}`, ''];
  if (row.paginated) {
    const item = singular(resultNoun(resource, method));
    lines.push(
      jsCall(`const page = await ${call}`, args),
      'console.log(page.data, page.hasNextPage());',
      '',
      `// ${comments.everyItem}`,
      jsCall(`for await (const ${item} of ${call}`, pathArgs, ')) {'),
      `  console.log(${item});`,
      '}',
    );
  } else if (row.success === 204) {
    lines.push(jsCall(`await ${call}`, args));
  } else {
    const noun = resultNoun(resource, method);
    const line = jsCall(`const ${noun} = await ${call}`, args);
    lines.push(row.nullable ? `${line} // ${comments.nullable}` : line);
  }
  return lines.join('\n');
}

export function cliSample(op: Operation, language: LanguageCode = 'en'): string {
  const row = operationRow(op);
  const words = [
    'pachca',
    ...op['x-cli-command'].split(' '),
    ...pathParameters(op).map((p) => String(parameterExample(op, p))),
  ];
  const flags: string[] = [];
  const body = requestBody(op);
  if (body.kind === 'json') {
    // The CLI takes the fields of the wrapper objects (`user`, `status`, …) as flags of their own.
    for (const [key, value] of Object.entries(body.value as Record<string, unknown>)) {
      if (isPlainObject(value)) for (const [inner, v] of Object.entries(value)) flags.push(...cliFlag(inner, v));
      else flags.push(...cliFlag(key, value));
    }
  }
  if (body.kind === 'file') flags.push(`--file=${shellWord(body.path)}`);
  for (const [key, value] of Object.entries(sampleQuery(op))) flags.push(...cliFlag(key, value));
  // A destructive command in a script is confirmed with --force.
  if (isDestructive(routeOf(row).method)) flags.push('--force');
  const command = shellLine([...words, ...flags]);
  if (!row.paginated) return command;
  return `${command}\n\n# ${SAMPLE_COMMENTS[language].everyPage}\n${shellLine(words.concat('--all'))}`;
}

export function curlSample(op: Operation, baseUrl: string): string {
  const { method } = routeOf(operationRow(op));
  let path = op.path;
  for (const p of pathParameters(op)) path = path.replace(`{${p.name}}`, String(parameterExample(op, p)));
  const search = new URLSearchParams();
  for (const p of sampleQueryParameters(op)) search.append(p.name, String(parameterExample(op, p)));
  const url = `${baseUrl}${path}${search.size ? `?${search}` : ''}`;
  const curl = method === 'GET' ? 'curl' : `curl -X ${method}`;
  const parts = [`${curl} ${shellWord(url)}`, '-H "Authorization: Bearer $PACHCA_TOKEN"'];
  const body = requestBody(op);
  if (body.kind === 'json') {
    parts.push(`-H 'Content-Type: application/json'`, `-d ${shellSingleQuoted(JSON.stringify(body.value))}`);
  }
  if (body.kind === 'file') parts.push(`-F ${shellWord(`${body.field}=@${body.path}`)}`);
  return parts.join(' \\\n  ');
}

type RequestBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'file'; field: string; path: string };

function requestBody(op: Operation): RequestBody {
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) return { kind: 'json', value: requestBodyExample(op) };
  const multipart = content['multipart/form-data'];
  if (multipart) {
    const field = Object.entries(multipart.schema.properties ?? {}).find(([, s]) => s.format === 'binary')?.[0];
    if (!field) throw new Error(`${op.operationId}: the multipart body has no binary part`);
    // `updateAvatar` uploads ./avatar.png; the file name only has to read naturally.
    const [, method] = op['x-sdk-method'].split('.') as [string, string];
    return { kind: 'file', field, path: `./${lowerFirst(stripVerb(method)) || field}.png` };
  }
  return { kind: 'none' };
}

const pathParameters = (op: Operation) => op.parameters.filter((p) => p.in === 'path');

/** The query parameters a first call sets: the required ones and those with a default (`limit`). */
const sampleQueryParameters = (op: Operation) =>
  op.parameters.filter((p) => p.in === 'query' && (p.required || p.schema.default !== undefined));

/** Query parameters as the SDK takes them: `names[]` is written `names`. */
function sampleQuery(op: Operation): Record<string, unknown> {
  return Object.fromEntries(sampleQueryParameters(op).map((p) => [sdkQueryName(p.name), parameterExample(op, p)]));
}

function cliFlag(key: string, value: unknown): string[] {
  const flag = `--${key.replace(/_/g, '-')}`;
  if (value === false || value === null || value === undefined) return []; // the CLI's default
  if (value === true) return [flag];
  if (Array.isArray(value)) {
    const scalars = value.every((v) => typeof v !== 'object');
    return [`${flag}=${shellWord(scalars ? value.join(',') : JSON.stringify(value))}`];
  }
  if (typeof value === 'object') return [`${flag}=${shellSingleQuoted(JSON.stringify(value))}`];
  return [`${flag}=${shellWord(String(value))}`];
}

/** One line when it fits, else one word per continued line after the command itself. */
function shellLine(words: string[]): string {
  const line = words.join(' ');
  if (line.length <= SHELL_LINE) return line;
  const head = words.filter((w) => !w.startsWith('--'));
  const flags = words.filter((w) => w.startsWith('--'));
  return [head.join(' '), ...flags.map((f) => `  ${f}`)].join(' \\\n');
}

/** `prefix(arg, arg)` + `close`, the last argument wrapped when the line would be too long. */
function jsCall(prefix: string, args: unknown[], close = ');'): string {
  const head = args.slice(0, -1).map((a) => jsLiteral(a));
  let text = `${prefix}(${head.map((h) => `${h}, `).join('')}`;
  if (args.length) text += jsLiteral(args[args.length - 1], '', text.length + close.length);
  return text + close;
}

/** What a call returns, named for the reader: `users.get` → user, `profile.getStatus` → status. */
function resultNoun(resource: string, method: string): string {
  const noun = lowerFirst(stripVerb(method));
  return noun || (method.startsWith('list') ? resource : singular(resource));
}

const stripVerb = (method: string) => method.replace(/^(list|get|create|update|delete)/, '');
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const singular = (noun: string) => lowerFirst(noun).replace(/ies$/, 'y').replace(/s$/, '');
