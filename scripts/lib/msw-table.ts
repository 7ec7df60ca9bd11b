// Turns spec operations into generated/msw.ts, the table behind `pachca-sdk/msw`: for each
// operation its route, success status, whether it needs the Bearer token, the shape its request
// body must have (required properties, types and enums, at any depth) and every declared response
// with its headers and named examples. Example values shared by several operations are written
// once, as constants.
import { STATUS_CODES } from 'node:http';
import type { BodyCheck } from '../../src/msw/validate.js';
import { scopeOf } from './cli-table.js';
import { sourceLiteral } from './literals.js';
import { successStatus } from './operation-table.js';
import { generatedHeader, type Operation, type Schema, type Spec } from './spec.js';

/** Keywords that would change what a body may be, but that the mock's check does not read. */
const UNSUPPORTED = ['allOf', 'not', '$ref', 'if', 'patternProperties'];

export function bodyCheck(schema: Schema, where: string): BodyCheck {
  const unsupported = UNSUPPORTED.filter((keyword) => keyword in schema);
  if (unsupported.length) throw new Error(`${where}: the MSW body check cannot read ${unsupported.join(', ')}`);
  // An uploaded file: its presence is checked (`required`), its bytes are not.
  if (schema.format === 'binary') return {};
  const check: BodyCheck = {};
  if (schema.type) check.type = schema.type;
  if (schema.enum) check.enum = schema.enum;
  if (schema.required?.length) check.required = schema.required;
  if (schema.properties) {
    check.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => [name, bodyCheck(property, `${where}.${name}`)]),
    );
  }
  if (schema.items) check.items = bodyCheck(schema.items, `${where}[]`);
  // oneOf is checked as anyOf: a body matching two variants is the spec's ambiguity, not the caller's.
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) check.anyOf = variants.map((variant, i) => bodyCheck(variant, `${where}|${i}`));
  return check;
}

type Headers = Record<string, { schema?: { example?: unknown }; example?: unknown }>;

/** The example value of every header a response declares. */
function headerExamples(op: Operation, status: string): Record<string, string> {
  const declared = ((op.responses[status] as { headers?: Headers }).headers ?? {}) as Headers;
  const values = Object.entries(declared).map(([name, header]) => [
    name.toLowerCase(),
    header.example ?? header.schema?.example,
  ]);
  if (!values.some(([name, value]) => name === 'x-request-id' && typeof value === 'string')) {
    throw new Error(`${op.operationId} ${status}: the response needs an x-request-id header with an example`);
  }
  return Object.fromEntries(
    values.filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]),
  );
}

/** Writes each distinct value once, as a constant named after the first example that holds it. */
class Constants {
  private readonly byJson = new Map<string, string>();
  private readonly lines: string[] = [];

  name(preferred: string, value: unknown, type: string): string {
    const json = JSON.stringify(value);
    const known = this.byJson.get(json);
    if (known) return known;
    const taken = new Set(this.byJson.values());
    let name = preferred;
    for (let n = 2; taken.has(name); n++) name = `${preferred}${n}`;
    this.byJson.set(json, name);
    const head = `const ${name}: ${type} = `;
    this.lines.push(`${head}${sourceLiteral(value, '', head.length)};`);
    return name;
  }

  render(): string {
    return this.lines.join('\n\n');
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if implements import in instanceof interface let new null package private protected public return static ' +
    'super switch this throw true try typeof var void while with yield'
  ).split(' '),
);
const constantName = (name: string) =>
  IDENTIFIER.test(name) && !RESERVED.has(name) ? name : `example_${name.replace(/\W/g, '_')}`;

function isSecured(op: Operation, spec: Spec): boolean {
  const requirements = (op.security ?? spec.security ?? []) as Record<string, unknown>[];
  // `{}` in the list means the operation may also be called without credentials.
  return requirements.length > 0 && !requirements.some((requirement) => Object.keys(requirement).length === 0);
}

/** The source of `op`'s row of generated/msw.ts (an MswRow). */
function mswRowSource(op: Operation, spec: Spec, constants: Constants): string {
  const id = op.operationId;
  const success = successStatus(op);
  const fields = [`    route: ${sourceLiteral(`${op.method.toUpperCase()} ${op.path}`)},`, `    success: ${success},`];
  const scope = scopeOf(op);
  if (scope) fields.push(`    scope: ${sourceLiteral(scope)},`);

  if (isSecured(op, spec)) {
    if (!op.responses['401'])
      throw new Error(`${id} requires a token but declares no 401 response for the mock to answer`);
    fields.push('    auth: true,');
  }

  const content = op.requestBody?.content ?? {};
  const [kind, media] = content['application/json']
    ? ['json', content['application/json']]
    : content['multipart/form-data']
      ? ['multipart', content['multipart/form-data']]
      : [];
  if (kind && media) {
    if (!op.responses['422'])
      throw new Error(`${id} takes a ${kind} body but declares no 422 response for invalid ones`);
    fields.push(`    ${kind}: ${sourceLiteral(bodyCheck(media.schema, id), '    ', `    ${kind}: `.length)},`);
  }

  const responses = Object.keys(op.responses).map((status) => {
    const headers = constants.name('headers', headerExamples(op, status), 'Record<string, string>');
    const examples = Object.entries(op.responses[status]!.content?.['application/json']?.examples ?? {});
    if (status === String(success) && success !== 204 && !examples.length) {
      throw new Error(`${id}: the success response needs a named example for the mock to answer with`);
    }
    const names = examples.map(([name, example]) => {
      const constant = constants.name(constantName(name), example.value, 'unknown');
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      return constant === name ? name : `${key}: ${constant}`;
    });
    const body = names.length ? `, examples: { ${names.join(', ')} }` : '';
    return `      ${status}: { headers${headers === 'headers' ? '' : `: ${headers}`}${body} },`;
  });
  fields.push('    responses: {', ...responses, '    },');
  return `  ${id}: {\n${fields.join('\n')}\n  },`;
}

/** The spec's root extension that lists the statuses its description documents for every operation. */
export const EVERY_OPERATION_KEY = 'x-statuses-of-every-operation';

/** What the API answers when it refuses a request for its rate or fails: its `{errors: [...]}` shape. */
function everyOperationExample(status: number): unknown {
  const reason = STATUS_CODES[status] ?? `Error ${status}`;
  const code = reason.toLowerCase().replace(/\W+/g, '_');
  return { errors: [{ key: 'base', value: null, message: reason, code, payload: null }] };
}

/** The source of `everyOperationResponses`: each status the spec documents for every operation. */
function everyOperationSource(spec: Spec, constants: Constants): { statuses: number[]; source: string } {
  const statuses = spec[EVERY_OPERATION_KEY];
  if (
    !Array.isArray(statuses) ||
    !statuses.length ||
    !statuses.every((status) => Number.isInteger(status) && status >= 400 && status < 600)
  )
    throw new Error(`the spec's ${EVERY_OPERATION_KEY} must list the error statuses every operation may answer`);
  const requestId = (spec.components.headers?.RequestId as { schema?: { example?: unknown } } | undefined)?.schema
    ?.example;
  if (typeof requestId !== 'string') throw new Error('components.headers.RequestId needs a schema example');
  const source = (statuses as number[]).map((status) => {
    // A 429 tells the client when to come back; the mock says one second, as the emulator does.
    const headers = { 'x-request-id': requestId, ...(status === 429 && { 'retry-after': '1' }) };
    const name = constants.name(status === 429 ? 'rateLimitHeaders' : 'headers', headers, 'Record<string, string>');
    const example = constants.name(`error${status}`, everyOperationExample(status), 'unknown');
    return `  ${status}: { headers${name === 'headers' ? '' : `: ${name}`}, examples: { error: ${example} } },`;
  });
  return { statuses: statuses as number[], source: source.join('\n') };
}

export function renderMswTable(ops: Operation[], spec: Spec): string {
  const constants = new Constants();
  const rows = ops.map((op) => mswRowSource(op, spec, constants));
  const every = everyOperationSource(spec, constants);
  const baseUrl = spec.servers[0]?.url;
  if (!baseUrl) throw new Error('the spec declares no server URL for the mock handlers to default to');
  return `${generatedHeader()}
import type { DeclaredResponse, MswRow } from '../src/msw/row.js';

${constants.render()}

/** The API's base URL: where \`handlers()\` and \`mock.*()\` intercept unless given another. */
export const defaultBaseUrl = ${sourceLiteral(baseUrl)};

/**
 * What the MSW handlers of \`pachca-sdk/msw\` answer, per operation: \`route\` is the method and the
 * path; \`scope\` is the token scope the API docs name (\`x-scope\`, read by the emulator); \`auth\`
 * means a request without \`Authorization: Bearer …\` gets the 401; \`json\` and \`multipart\` are
 * the checks a request body must pass (required properties, types and enums, as JSON Schema),
 * else the answer is a 422; \`responses\` holds every declared status with its
 * headers and named examples, the first example of the success status being the default answer.
 */
export const mswOperations = {
${rows.join('\n')}
} as const satisfies Record<string, MswRow>;

/**
 * The statuses the spec's description documents for every operation rather than in each one's
 * responses (\`${EVERY_OPERATION_KEY}\`): \`mock.*\` accepts them for every operation, and the
 * emulator's faults answer them.
 */
export const everyOperationStatuses = [${every.statuses.join(', ')}] as const;

/** Their answers: the API's error shape, and a 429's \`Retry-After\` in seconds. */
export const everyOperationResponses = {
${every.source}
} as const satisfies Record<(typeof everyOperationStatuses)[number], DeclaredResponse>;
`;
}
