// Turns spec operations into the CLI's command table (generated/cli-commands.ts): command words
// from `x-cli-command`, path parameters as arguments, query parameters and the request body's
// fields as flags. Body wrapper objects (`user`, `group_tag`) are flattened, so
// `{user: {first_name}}` is `--first-name`; the SDK's `x-sdk-body` object (`status`) is the body.
import type {
  CliCommandSpec,
  CliGroupSpec,
  CliOptionSpec,
  CliReference,
  CliValueType,
  ReferenceField,
} from '../../src/cli/command-spec.js';
import { sdkQueryName } from '../../src/core/names.js';
import { isDestructive } from '../../src/cli/confirm.js';
import { cliSample } from './code-samples.js';
import { sourceLiteral } from './literals.js';
import { routeOf } from '../../src/core/operation.js';
import { operationRow } from './operation-table.js';
import { generatedHeader, type Operation, type Schema, type Spec } from './spec.js';

/** Flags the CLI itself defines; a spec field with one of these names would be shadowed. */
export const RESERVED_FLAGS = [
  ...[
    'token',
    'base-url',
    'timeout',
    'retry',
    'output',
    'header',
    'dry-run',
    'force',
    'all',
    'file',
    'help',
    'version',
  ],
  ...['profile', 'verbose', 'quiet', 'color', 'input', 'columns', 'plain', 'truncate'],
];

const kebab = (name: string) => sdkQueryName(name).replace(/_/g, '-');

const LIST_ITEM = /^\s*[*-] /;

/** The lead of a description (up to a blank line or a list), on one line: flag help. */
function oneLine(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  const end = lines.findIndex((line) => line.trim() === '' || LIST_ITEM.test(line));
  return (end === -1 ? lines : lines.slice(0, end)).join(' ').replace(/\s+/g, ' ').trim();
}

/** Hard-wrapped spec text rejoined into paragraphs (list items kept), so help can wrap it anew. */
function reflow(text: string): string {
  const out: string[] = [];
  for (const line of text.trim().split('\n')) {
    const previous = out[out.length - 1];
    const continues = previous !== undefined && previous !== '' && line.trim() !== '' && !LIST_ITEM.test(line);
    if (continues) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line.trim());
  }
  return out.join('\n');
}

function typesOf(schema: Schema): string[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.filter((t) => t !== 'null');
}

function valueType(schema: Schema): CliValueType {
  const [type] = typesOf(schema);
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'array') {
    const [item] = typesOf(schema.items ?? {});
    if (item === 'string') return 'string[]';
    if (item === 'integer') return 'integer[]';
  }
  return 'json';
}

function option(
  flag: string,
  where: CliOptionSpec['in'],
  target: CliOptionSpec['target'],
  schema: Schema,
  required: boolean,
  description?: string,
): CliOptionSpec {
  const spec: CliOptionSpec = {
    flag: kebab(flag),
    in: where,
    target,
    type: valueType(schema),
    required,
    description: oneLine(description ?? schema.description),
  };
  const values = schema.enum ?? schema.items?.enum;
  if (values) spec.enum = values.map(String);
  return spec;
}

const isWrapper = (schema: Schema) => typesOf(schema)[0] === 'object' && schema.properties !== undefined;

/** Flags for a JSON body as the SDK takes it; wrapper objects one level down are flattened. */
function bodyOptions(schema: Schema, required: boolean): CliOptionSpec[] {
  const options: CliOptionSpec[] = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const isRequired = required && (schema.required ?? []).includes(key);
    if (!isWrapper(property)) {
      options.push(option(key, 'body', [key], property, isRequired));
      continue;
    }
    for (const [inner, field] of Object.entries(property.properties ?? {})) {
      const innerRequired = isRequired && (property.required ?? []).includes(inner);
      options.push(option(inner, 'body', [key, inner], field, innerRequired));
    }
  }
  return options;
}

/** A schema's type as the reference shows it: `string`, `integer | null`, `array<string>`, `string (User|Task)`. */
function typeText(schema: Schema): string {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const shown = types.map((t) => (t === 'array' ? `array<${typeText(schema.items ?? {}) || 'any'}>` : t)).join(' | ');
  return schema.enum ? `${shown} (${schema.enum.filter((v) => v !== null).join('|')})` : shown;
}

/** Every field of a body, nested ones as `user.first_name` and `list_tags[].name`. */
function referenceFields(schema: Schema, prefix = '', required = true, depth = 0): ReferenceField[] {
  const fields: ReferenceField[] = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const name = `${prefix}${key}`;
    const isRequired = required && (schema.required ?? []).includes(key);
    fields.push({ name, type: typeText(property), required: isRequired, description: oneLine(property.description) });
    if (depth >= 3) continue;
    if (property.properties) fields.push(...referenceFields(property, `${name}.`, isRequired, depth + 1));
    else if (property.items?.properties)
      fields.push(...referenceFields(property.items, `${name}[].`, isRequired, depth + 1));
  }
  return fields;
}

/** What `pachca api METHOD PATH --describe` prints, read from the spec at build time. */
function reference(op: Operation): CliReference {
  const content = op.requestBody?.content ?? {};
  const [bodyType, body] = Object.entries(content)[0] ?? [];
  return {
    parameters: op.parameters
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((p) => ({
        name: p.name,
        in: p.in as 'path' | 'query',
        type: typeText(p.schema),
        required: p.required === true,
        description: oneLine(p.description),
      })),
    ...(bodyType && body
      ? { body: { contentType: bodyType, fields: referenceFields(body.schema, '', op.requestBody?.required === true) } }
      : {}),
    responses: Object.entries(op.responses).map(([status, response]) => ({
      status,
      description: oneLine(response.description),
    })),
  };
}

/** The token scope the operation needs (`x-scope`, as the API docs name it), if the docs name one. */
export const scopeOf = (op: Operation) => (op as Operation & { 'x-scope'?: string })['x-scope'];

export function commandSpec(op: Operation): CliCommandSpec {
  const row = operationRow(op);
  const { method, path } = routeOf(row);
  const words = op['x-cli-command'].trim().split(/\s+/);
  if (words.length !== 2)
    throw new Error(`${op.operationId}: x-cli-command must be two words ("users list"), got "${op['x-cli-command']}"`);

  const options: CliOptionSpec[] = op.parameters
    .filter((p) => p.in === 'query')
    .map((p) => option(p.name, 'query', [sdkQueryName(p.name)], p.schema, p.required === true, p.description));

  const content = op.requestBody?.content ?? {};
  let file: CliCommandSpec['file'];
  const json = content['application/json']?.schema;
  if (json) {
    const sdkBody = row.bodyKey ? json.properties?.[row.bodyKey] : json;
    if (!sdkBody) throw new Error(`${op.operationId}: the body has no \`${row.bodyKey}\` property`);
    options.push(...bodyOptions(sdkBody, op.requestBody?.required === true));
  }
  const multipart = content['multipart/form-data']?.schema;
  if (multipart) {
    const part = Object.values(multipart.properties ?? {}).find((s) => s.format === 'binary');
    file = { description: oneLine(part?.description) || 'File to upload' };
  }

  const flags = options.map((o) => o.flag);
  for (const flag of flags) {
    if (RESERVED_FLAGS.includes(flag))
      throw new Error(`${op.operationId}: --${flag} clashes with a flag of the CLI itself`);
    if (flags.indexOf(flag) !== flags.lastIndexOf(flag))
      throw new Error(`${op.operationId}: two fields become --${flag}`);
  }

  return {
    operationId: op.operationId as CliCommandSpec['operationId'],
    words: words as [string, string],
    summary: op.summary,
    ...(scopeOf(op) ? { scope: scopeOf(op) } : {}),
    description: reflow(op.description),
    method,
    path,
    arguments: op.parameters
      .filter((p) => p.in === 'path')
      .map((p) => ({ name: p.name, description: oneLine(p.description) })),
    options,
    ...(file ? { file } : {}),
    destructive: isDestructive(method),
    paginated: row.paginated === true,
    example: cliSample(op),
    reference: reference(op),
  };
}

/** One group per first word of `x-cli-command`, described by the tag most of its operations share. */
export function groupSpecs(ops: Operation[], spec: Spec): CliGroupSpec[] {
  const tags = (spec.tags ?? []) as { name: string; description?: string }[];
  const groups = new Map<string, Operation[]>();
  for (const op of ops) {
    const name = op['x-cli-command'].trim().split(/\s+/)[0]!;
    groups.set(name, [...(groups.get(name) ?? []), op]);
  }
  return [...groups].map(([name, members]) => {
    const counts = new Map<string, number>();
    for (const op of members) for (const tag of op.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const tag = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const description = oneLine(tags.find((t) => t.name === tag)?.description) || `${name} commands`;
    return { name, description, example: cliSample(members[0]!).split('\n')[0]! };
  });
}

export function renderCliCommands(ops: Operation[], spec: Spec): string {
  const commands = ops.map((op) => `  ${sourceLiteral(commandSpec(op), '  ')},`);
  const groups = groupSpecs(ops, spec).map((g) => `  ${sourceLiteral(g, '  ')},`);
  return `${generatedHeader()}
import type { CliCommandSpec, CliGroupSpec } from '../src/cli/command-spec.js';

/** The \`pachca\` CLI's command groups, in spec order. */
export const cliGroups: CliGroupSpec[] = [
${groups.join('\n')}
];

/** One command per operation: src/cli builds them with commander. */
export const cliCommands: CliCommandSpec[] = [
${commands.join('\n')}
];
`;
}
