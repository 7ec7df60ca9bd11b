// The offline API reference built into the CLI: `pachca api ls` (every operation in the spec with
// its scope) and `pachca api METHOD PATH --describe` (one operation's parameters, body fields
// and responses), both read from generated/cli-commands.ts.
import { cliCommands } from '../../generated/cli-commands.js';
import { pathPattern } from '../core/names.js';
import type { CliCommandSpec, ReferenceField } from './command-spec.js';
import { UsageError } from './errors.js';
import { textTable } from './text-table.js';
import type { View } from './view.js';

/** The rows of `pachca api ls`: one per operation. */
export function apiListing() {
  return cliCommands.map((spec) => ({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    scope: spec.scope ?? null,
    command: `pachca ${spec.words.join(' ')}`,
  }));
}

/** The operation a request goes to: `/users/12` and `/users/{id}` both match `/users/{id}`. */
export function findOperation(method: string, path: string): CliCommandSpec | undefined {
  const bare = path.replace(/\?[\s\S]*$/, '').replace(/\/+$/, '') || '/';
  return cliCommands.find((spec) => {
    if (spec.method !== method) return false;
    return bare === spec.path || pathPattern(spec.path).test(bare);
  });
}

export function requireOperation(method: string, path: string): CliCommandSpec {
  const spec = findOperation(method, path);
  if (!spec) throw new UsageError(`The spec has no operation ${method} ${path}: \`pachca api ls\` lists them all`);
  return spec;
}

/** The reference as data, for `-o json` and `-o yaml`. */
export function describeData(spec: CliCommandSpec) {
  return {
    method: spec.method,
    path: spec.path,
    operation_id: spec.operationId,
    command: `pachca ${spec.words.join(' ')}`,
    summary: spec.summary,
    scope: spec.scope ?? null,
    description: spec.description,
    parameters: spec.reference.parameters,
    body: spec.reference.body ?? null,
    responses: spec.reference.responses,
  };
}

const fieldRows = (fields: ReferenceField[]) =>
  fields.map((f) => [f.name, f.type, f.required ? 'required' : '', f.description]);

/** The reference as text: sections for parameters, body fields (required ones marked) and responses. */
export async function describeText(spec: CliCommandSpec, view: View): Promise<string> {
  const heading = (text: string) => (view.color ? `\x1b[1m${text}\x1b[22m` : text);
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  const table = async (rows: string[][]) => indent(await textTable(rows, view.truncate ? view.width - 2 : undefined));
  const lines = [
    `${heading(`${spec.method} ${spec.path}`)} — ${spec.summary}`,
    `Scope: ${spec.scope ?? 'none named in the API docs'}`,
    `Command: pachca ${spec.words.join(' ')} (operation ${spec.operationId})`,
    '',
    // A one-cell table word-wraps the description to the terminal like the field lists.
    view.truncate ? await textTable([[spec.description]], view.width) : spec.description,
  ];
  const { parameters, body, responses } = spec.reference;
  for (const where of ['path', 'query'] as const) {
    const own = parameters.filter((p) => p.in === where);
    if (own.length)
      lines.push('', heading(`${where === 'path' ? 'Path' : 'Query'} parameters:`), await table(fieldRows(own)));
  }
  if (body) lines.push('', heading(`Body (${body.contentType}):`), await table(fieldRows(body.fields)));
  lines.push('', heading('Responses:'), await table(responses.map((r) => [r.status, r.description])));
  return lines.join('\n');
}
