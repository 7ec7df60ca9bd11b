// Turns spec operations into the SDK's operation table and the typed resource interface.
import type { OperationRow } from '../../src/core/operation.js';
import { generatedHeader, type Operation } from './spec.js';
import { pathParams, sdkQueryName } from '../../src/core/names.js';
import { listAllName } from '../../src/core/resources.js';

export interface TableEntry {
  method: string;
  path: string;
  sdk: string;
  pathParams: string[];
  query: Record<string, string>;
  body?: 'json' | 'multipart';
  bodyKey?: string;
  paginated?: true;
  nullable?: true;
  success: number;
}

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

export function tableEntry(op: Operation): TableEntry {
  const success = successStatus(op);
  const content = op.requestBody?.content ?? {};
  const successSchema = op.responses[String(success)]?.content?.['application/json']?.schema;
  const entry: TableEntry = {
    method: op.method.toUpperCase(),
    path: op.path,
    sdk: op['x-sdk-method'],
    pathParams: op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
    query: Object.fromEntries(op.parameters.filter((p) => p.in === 'query').map((p) => [sdkQueryName(p.name), p.name])),
    success,
  };
  if (content['application/json']) entry.body = 'json';
  if (content['multipart/form-data']) entry.body = 'multipart';
  if (op['x-sdk-body']) entry.bodyKey = op['x-sdk-body'];
  if (op['x-paginated']) entry.paginated = true;
  const variants = successSchema?.anyOf ?? successSchema?.oneOf ?? [];
  if (variants.some((s) => s.type === 'null')) entry.nullable = true;
  return entry;
}

function methodSignature(op: Operation, entry: TableEntry): string[] {
  const id = JSON.stringify(op.operationId);
  const method = entry.sdk.split('.')[1]!;
  const args = entry.pathParams.map((name) => `${name}: number`);
  if (entry.bodyKey) args.push(`${entry.bodyKey}: BodyOf<${id}>[${JSON.stringify(entry.bodyKey)}]`);
  else if (entry.body === 'json') args.push(`body: BodyOf<${id}>`);
  else if (entry.body === 'multipart') args.push('file: UploadInput');
  const queryRequired = op.parameters.some((p) => p.in === 'query' && p.required);
  if (Object.keys(entry.query).length) args.push(`params${queryRequired ? '' : '?'}: QueryOf<${id}>`);
  args.push('options?: RequestOptions');
  const doc = `  /** ${op.summary} — \`${entry.method} ${entry.path}\` */`;
  const params = args.join(', ');
  if (entry.paginated) {
    return [
      doc,
      `  ${method}(${params}): PagePromise<ItemOf<${id}>, MetaOf<${id}>>;`,
      `  /** ${op.summary}, every page collected into one array — \`${entry.method} ${entry.path}\` */`,
      `  ${listAllName(method)}(${params.replace(', options?: RequestOptions', ', options?: ListAllOptions')}): Promise<ItemOf<${id}>[]>;`,
    ];
  }
  const result = entry.success === 204 ? 'void' : entry.nullable ? `DataOf<${id}> | null` : `DataOf<${id}>`;
  return [doc, `  ${method}(${params}): Promise<${result}>;`];
}

/** The TableEntry cut down to what the runtime cannot derive (see OperationRow). */
export function operationRow(entry: TableEntry): OperationRow {
  const fromPath = pathParams(entry.path);
  if (fromPath.join() !== entry.pathParams.join()) {
    throw new Error(`${entry.sdk}: the path parameters (${entry.pathParams}) are not the path's {names} in order`);
  }
  const query = Object.values(entry.query);
  return {
    route: `${entry.method} ${entry.path}`,
    sdk: entry.sdk,
    ...(query.length ? { query } : {}),
    success: entry.success,
    ...(entry.body ? { body: entry.body } : {}),
    ...(entry.bodyKey ? { bodyKey: entry.bodyKey } : {}),
    ...(entry.paginated ? { paginated: true } : {}),
    ...(entry.nullable ? { nullable: true } : {}),
  };
}

export function renderOperationTable(ops: Operation[]): string {
  const rows = ops.map((op) => `  ${op.operationId}: ${JSON.stringify(operationRow(tableEntry(op)))},`);
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
    const entry = tableEntry(op);
    const resource = entry.sdk.split('.')[0]!;
    groups.set(resource, [...(groups.get(resource) ?? []), ...methodSignature(op, entry)]);
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
