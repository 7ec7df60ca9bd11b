// Turns spec operations into the SDK's operation table and the typed resource interface.
import { type OperationRow, routeOf } from '../../src/core/operation.js';
import { sourceLiteral } from './literals.js';
import { generatedHeader, type Operation } from './spec.js';
import { pathParams } from '../../src/core/names.js';
import { listAllName } from '../../src/core/resources.js';

export function successStatus(op: Operation): number {
  const code = Object.keys(op.responses).find((status) => status.startsWith('2'));
  if (!code) throw new Error(`${op.operationId} declares no 2xx response`);
  return Number(code);
}

/** Error statuses an operation declares, in ascending order. */
export function errorStatuses(op: Operation): number[] {
  return Object.keys(op.responses)
    .filter((s) => /^[45]/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * An operation's row of the SDK's operation table (generated/operations.ts): the one shape the
 * generators, the runtime and the tests read an operation's call from. `routeOf(row)` gives its
 * method, path and path parameters; `sdkQueryName` a query parameter's SDK name.
 */
export function operationRow(op: Operation): OperationRow {
  const success = successStatus(op);
  const content = op.requestBody?.content ?? {};
  const successSchema = op.responses[String(success)]?.content?.['application/json']?.schema;
  const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (pathParams(op.path).join() !== declared.join()) {
    throw new Error(`${op['x-sdk-method']}: the path parameters (${declared}) are not the path's {names} in order`);
  }
  const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const body = content['multipart/form-data'] ? 'multipart' : content['application/json'] ? 'json' : undefined;
  const variants = successSchema?.anyOf ?? successSchema?.oneOf ?? [];
  return {
    route: `${op.method.toUpperCase()} ${op.path}`,
    sdk: op['x-sdk-method'],
    ...(query.length ? { query } : {}),
    success,
    ...(body ? { body } : {}),
    ...(op['x-sdk-body'] ? { bodyKey: op['x-sdk-body'] } : {}),
    ...(op['x-paginated'] ? { paginated: true as const } : {}),
    ...(variants.some((s) => s.type === 'null') ? { nullable: true as const } : {}),
  };
}

function methodSignature(op: Operation, row: OperationRow): string[] {
  const id = JSON.stringify(op.operationId);
  const method = row.sdk.split('.')[1]!;
  const route = routeOf(row);
  const args = route.params.map((name) => `${name}: number`);
  if (row.bodyKey) args.push(`${row.bodyKey}: BodyOf<${id}>[${JSON.stringify(row.bodyKey)}]`);
  else if (row.body === 'json') args.push(`body: BodyOf<${id}>`);
  else if (row.body === 'multipart') args.push('file: UploadInput');
  const queryRequired = op.parameters.some((p) => p.in === 'query' && p.required);
  if (row.query?.length) args.push(`params${queryRequired ? '' : '?'}: QueryOf<${id}>`);
  args.push('options?: RequestOptions');
  const doc = `  /** ${op.summary} — \`${route.method} ${route.path}\` */`;
  if (row.paginated) {
    const listAllArgs = args.map((arg) => (arg === 'options?: RequestOptions' ? 'options?: ListAllOptions' : arg));
    return [
      doc,
      signature(method, args, `PagePromise<ItemOf<${id}>, MetaOf<${id}>>`),
      `  /** ${op.summary}, every page collected into one array — \`${route.method} ${route.path}\` */`,
      signature(listAllName(method), listAllArgs, `Promise<ItemOf<${id}>[]>`),
    ];
  }
  const result = row.success === 204 ? 'void' : row.nullable ? `DataOf<${id}> | null` : `DataOf<${id}>`;
  return [doc, signature(method, args, `Promise<${result}>`)];
}

/** A method of a resource interface: on one line if it fits in 120 columns, else one parameter a line. */
function signature(name: string, args: string[], result: string): string {
  const line = `  ${name}(${args.join(', ')}): ${result};`;
  return line.length <= 120 ? line : `  ${name}(\n${args.map((arg) => `    ${arg},\n`).join('')}  ): ${result};`;
}

export function renderOperationTable(ops: Operation[]): string {
  const rows = ops.map((op) => {
    const head = `  ${op.operationId}: `;
    return `${head}${sourceLiteral(operationRow(op), '  ', head.length)},`;
  });
  return `${generatedHeader()}
import type { OperationRow } from '../src/core/operation.js';

/**
 * How each operation is called: the SDK's resources are built from this table. \`route\` is the
 * method and the path, whose \`{names}\` are the path parameters; \`query\` lists the wire names
 * (callers write \`names\` for \`names[]\`); flags appear only when set.
 */
export const operations = {
${rows.join('\n')}
} as const satisfies Record<string, OperationRow>;

export type OperationId = keyof typeof operations;
`;
}

export function renderResourceTypes(ops: Operation[]): string {
  const groups = new Map<string, string[]>();
  for (const op of ops) {
    const row = operationRow(op);
    const resource = row.sdk.split('.')[0]!;
    groups.set(resource, [...(groups.get(resource) ?? []), ...methodSignature(op, row)]);
  }
  const interfaces = [...groups].map(([resource, lines]) => {
    const name = `${resource[0]!.toUpperCase() + resource.slice(1)}Resource`;
    return `export interface ${name} {\n${lines.join('\n')}\n}`;
  });
  const members = [...groups.keys()].map((r) => `  ${r}: ${r[0]!.toUpperCase() + r.slice(1)}Resource;`);
  return `${generatedHeader()}
import type {
  BodyOf,
  DataOf,
  ItemOf,
  ListAllOptions,
  MetaOf,
  PagePromise,
  QueryOf,
  RequestOptions,
  UploadInput,
} from '../src/core/types.js';

${interfaces.join('\n\n')}

/** The resource methods of a \`Pachca\` client. */
export interface Resources {
${members.join('\n')}
}
`;
}
