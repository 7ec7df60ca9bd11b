// The spec checked in-process, with validators compiled once at start from the bundled spec:
// each request's parameters and body (the problems answered 422 in the API's shape, naming the
// field), and each answer's status and body against what its operation declares.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { everyOperationStatuses } from '../../../generated/msw.js';
import { BODY_TOO_LARGE_STATUS } from '../limits.js';
import type { FieldError } from '../../msw/validate.js';
import { fieldError } from '../responses.js';
import type { CheckedRequest, Violation } from '../types.js';

/** The parts of an OpenAPI 3.1 document the check reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}
interface OperationObject {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/**
 * The statuses every operation may answer without listing them: the spec's
 * `x-statuses-of-every-operation` (429 and the 5xx a client retries, in its description), and 413
 * for a body past the emulator's one limit. An answer with one of these is no violation.
 */
export const DOCUMENTED_FOR_EVERY_OPERATION: ReadonlySet<number> = new Set([
  ...everyOperationStatuses,
  BODY_TOO_LARGE_STATUS,
]);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** ajv's keyword → the API's error code. */
const CODES: Record<string, string> = {
  required: 'required',
  enum: 'inclusion',
  const: 'inclusion',
  maxLength: 'too_long',
  maxItems: 'too_long',
  minLength: 'too_short',
};

function makeAjv(options: { coerceTypes?: 'array'; allErrors?: boolean } = {}): Ajv2020 {
  // OpenAPI's annotations are not JSON Schema keywords: unknown keywords are ignored, not errors.
  // The bundled spec is linted at build time, so its schemas are not checked again at each start.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, ...options });
  // ajv-formats is CommonJS: from ESM its plugin is the `default` property of the module. Its
  // fast mode: the formats' simpler patterns, which a 50-user page checks hundreds of times.
  ajvFormats.default(ajv, { mode: 'fast' });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('binary', true); // a file part: its bytes are the handler's to check
  return ajv;
}

/** `#/components/schemas/X` pointed into the schema document ajv holds as `spec.json`. */
const inSpecDocument = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"spec.json#/$defs/')) as T;

/** Follows a `$ref` to a component (parameters, responses, request bodies), one hop at a time. */
function resolve<T>(document: OpenApiDocument, value: unknown): T {
  let current = value as { $ref?: string };
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    const [, , kind = '', name = ''] = current.$ref.split('/');
    current = document.components?.[kind]?.[decodeURIComponent(name)] as { $ref?: string };
  }
  return current as T;
}

/** `/user/list_tags/0` → `user.list_tags[0]`, the way the API names a field. */
function keyOf(instancePath: string, error?: ErrorObject): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error?.keyword === 'required') parts.push(String(error.params.missingProperty));
  let key = '';
  for (const part of parts) key += /^\d+$/.test(part) ? `[${part}]` : key ? `.${part}` : part;
  return key;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const part of instancePath.split('/').slice(1)) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** ajv's errors as the API's `errors[]` items, one per field and message. */
function fieldErrors(errors: ErrorObject[] | null | undefined, data: unknown, keyPrefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    const inner = keyOf(error.instancePath, error);
    const key = keyPrefix ? (inner ? `${keyPrefix}.${inner}` : keyPrefix) : inner || 'body';
    if (seen.has(`${key} ${error.message}`)) continue;
    seen.add(`${key} ${error.message}`);
    const value = error.keyword === 'required' ? null : valueAt(data, error.instancePath);
    out.push(fieldError(key, value, error.message ?? 'is invalid', CODES[error.keyword] ?? 'invalid'));
  }
  return out;
}

/** Made on first use, then kept: a start compiles nothing it does not serve. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

type Lazy = () => ValidateFunction;
const lazy = once<ValidateFunction>;

interface CompiledParameter {
  parameter: Parameter;
  array: boolean;
  /** Validates `{value}`: ajv coerces a property, never the data itself. */
  validate: Lazy;
}

interface CompiledOperation {
  parameters: CompiledParameter[];
  body?: Lazy;
  /** By status; null for a declared answer with no body. */
  responses: Map<number, Lazy | null>;
}

export interface SpecCheck {
  /** The engine's `checkRequest` (EmulatorOptions): a request's problems, empty when it keeps to the spec. */
  checkRequest(request: CheckedRequest): FieldError[];
  /** What an answer of `operationId` breaks: its status, its body (the answer's text). */
  checkResponse(operationId: string, status: number, contentType: string | null, text: string): Violation[];
}

/**
 * Every operation's checks from a bundled spec (`#/components` references kept). Each validator is
 * compiled once, on first use: all of them at once would cost a second and more of the start.
 */
export function compileSpecCheck(document: OpenApiDocument): SpecCheck {
  const definitions = { $id: 'spec.json', $defs: inSpecDocument(document.components?.schemas ?? {}) };
  // Requests: every problem, to name each field. Answers: the first, as the check stops at one and
  // a page of users is checked whole on every request. Parameters: with strings coerced.
  const ajv = once(() => makeAjv().addSchema(definitions));
  const answers = once(() => makeAjv({ allErrors: false }).addSchema(definitions));
  const coercing = once(() => makeAjv({ coerceTypes: 'array' }).addSchema(definitions));

  const operations = new Map<string, CompiledOperation>();
  for (const item of Object.values(document.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation?.operationId) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])].map((p) => {
        const parameter = resolve<Parameter>(document, p);
        const schema = inSpecDocument(parameter.schema ?? {});
        return {
          parameter,
          array: schema.type === 'array',
          validate: lazy(() => coercing().compile({ type: 'object', properties: { value: schema } })),
        };
      });
      const requestBody = resolve<{ content?: Record<string, { schema?: Schema }> } | undefined>(
        document,
        operation.requestBody,
      );
      const bodySchema = Object.values(requestBody?.content ?? {})[0]?.schema;
      const responses = new Map<number, Lazy | null>();
      for (const [status, declared] of Object.entries(operation.responses ?? {})) {
        const schema = resolve<ResponseObject>(document, declared).content?.['application/json']?.schema;
        responses.set(Number(status), schema ? lazy(() => answers().compile(inSpecDocument(schema))) : null);
      }
      operations.set(operation.operationId, {
        parameters,
        body: bodySchema ? lazy(() => ajv().compile(inSpecDocument(bodySchema))) : undefined,
        responses,
      });
    }
  }

  const parameterErrors = ({ parameters }: CompiledOperation, request: CheckedRequest): FieldError[] =>
    parameters.flatMap(({ parameter, array, validate: compiled }) => {
      const { name } = parameter;
      let value: unknown;
      if (parameter.in === 'path')
        value = request.params[name] === undefined ? undefined : String(request.params[name]);
      else if (parameter.in === 'query')
        value = array ? request.url.searchParams.getAll(name) : (request.url.searchParams.get(name) ?? undefined);
      else if (parameter.in === 'header') value = request.headers.get(name) ?? undefined;
      const absent = value === undefined || (Array.isArray(value) && value.length === 0);
      if (absent) return parameter.required ? [fieldError(name, null, 'is required', 'required')] : [];
      const data = { value };
      const validate = compiled();
      if (validate(data)) return [];
      // Paths under `/value`, the wrapper's one property: the parameter's own, named by it.
      const errors = (validate.errors ?? []).map((e) => ({
        ...e,
        instancePath: e.instancePath.slice('/value'.length),
      }));
      return fieldErrors(errors, value, name);
    });

  return {
    checkRequest(request) {
      const compiled = operations.get(request.operationId);
      if (!compiled) return [];
      const errors = parameterErrors(compiled, request);
      if (compiled.body && request.body !== undefined) {
        const body = asValidated(request.body);
        const validate = compiled.body();
        if (!validate(body)) errors.push(...fieldErrors(validate.errors, body));
      }
      return errors;
    },
    checkResponse(operationId, status, contentType, text) {
      const compiled = operations.get(operationId);
      if (!compiled) return [];
      const violation = (location: string[], message: string): Violation => ({ location, severity: 'Error', message });
      if (!compiled.responses.has(status)) {
        return DOCUMENTED_FOR_EVERY_OPERATION.has(status)
          ? []
          : [violation(['response', 'status'], `${status} is not a status ${operationId} declares`)];
      }
      const validate = compiled.responses.get(status)?.();
      if (!validate) return text === '' ? [] : [violation(['response', 'body'], `a ${status} has no body in the spec`)];
      if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? ''))
        return [violation(['response', 'headers', 'content-type'], `must be application/json, got ${contentType}`)];
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return [violation(['response', 'body'], 'is not JSON')];
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map((error) =>
        violation(['response', 'body', ...error.instancePath.split('/').slice(1)], error.message ?? 'is invalid'),
      );
    },
  };
}

/** A multipart body's fields as the schema reads them: a file part is a (binary) string. */
function asValidated(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const fields = body as Record<string, unknown>;
  const isFile = (v: unknown) => !!v && typeof v === 'object' && (v as { bytes?: unknown }).bytes instanceof Uint8Array;
  if (!Object.values(fields).some(isFile)) return body;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isFile(v) ? '' : v]));
}
