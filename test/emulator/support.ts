// Calls the emulator engine in-process, as `emulator.handle(new Request(...))`, and checks every
// answer of an API operation against the spec: the status must be one the operation declares and
// the body must validate against that response's schema (ajv), since no Prism stands in front.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { expect, inject } from 'vitest';
import type { Operation } from '../../scripts/lib/spec.js';
import { pathPattern } from '../../src/core/names.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { specAjv } from '../support/response-schemas.js';
import { specOperations } from '../support/spec.js';

export const ORIGIN = 'http://emulator.test';

interface Checked {
  operation: Operation;
  pattern: RegExp;
}

let operations: Checked[] | undefined;
let ajv: ReturnType<typeof specAjv> | undefined;
/** Compiled on first use: most files meet a few of the responses, and compiling is most of the cost. */
const validators = new Map<string, ValidateFunction | undefined>();

/** The spec's operations with the matcher of their path (read from the spec, not the engine's table). */
export function checkedOperations(): Checked[] {
  operations ??= specOperations().map((operation) => ({ operation, pattern: pathPattern(operation.path, '\\d+') }));
  return operations;
}

/** `#/components/schemas/…` references made to point into the schema document ajv holds as `spec.json`. */
const inSpecDocument = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"spec.json#/$defs/')) as T;

/**
 * The ajv that knows the bundled spec's components, so each component schema (User above all) is
 * compiled once, however many responses hold it: compiling is most of this suite's CPU time.
 */
function componentsAjv() {
  if (!ajv) {
    ajv = specAjv();
    const { components } = inject('bundledSpec') as { components: { schemas: Record<string, unknown> } };
    ajv.addSchema({ $id: 'spec.json', $defs: inSpecDocument(components.schemas) });
  }
  return ajv;
}

function validator(operation: Operation, status: number): ValidateFunction | undefined {
  const key = `${operation.operationId} ${status}`;
  if (!validators.has(key)) {
    const bundled = inject('bundledSpec') as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { responses: Record<string, unknown> };
    };
    let response = bundled.paths[operation.path]![operation.method]!.responses[String(status)] as
      | { $ref?: string; content?: Record<string, { schema: unknown }> }
      | undefined;
    if (response?.$ref) response = bundled.components.responses[response.$ref.split('/').pop()!] as typeof response;
    const schema = response?.content?.['application/json']?.schema;
    validators.set(key, schema === undefined ? undefined : componentsAjv().compile(inSpecDocument(schema) as object));
  }
  return validators.get(key);
}

export interface CallOptions {
  token?: string | null;
  /** A JSON body (sent with Content-Type: application/json). */
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** The answer may have a status the operation does not declare (faults, 429, 405). */
  undeclared?: boolean;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes
  body: any;
  headers: Headers;
  operationId: string | undefined;
}

export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const { token = 'test-token', json, form, undeclared = false } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] ??= 'application/json';
  const response = await emulator.handle(
    new Request(ORIGIN + path, { method, headers, body: json !== undefined ? JSON.stringify(json) : form }),
  );
  const text = await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  const pathname = new URL(ORIGIN + path).pathname;
  const found = checkedOperations().find(
    ({ operation, pattern }) => operation.method === method.toLowerCase() && pattern.test(pathname),
  );
  if (found) {
    const { operation } = found;
    // expect() only on a failure: the property test makes tens of thousands of calls.
    const declared = operation.responses[String(response.status)];
    if (!declared && !undeclared) {
      expect.fail(`${operation.operationId} answered an undeclared ${response.status}: ${text}`);
    }
    const validate = declared && validator(operation, response.status);
    if (validate && !validate(body)) {
      expect(validate.errors, `${operation.operationId} ${response.status}: ${text.slice(0, 400)}`).toEqual([]);
    }
    if (declared && !validate && text !== '')
      expect.fail(`${operation.operationId} ${response.status} has a body: ${text}`);
  }
  return { status: response.status, body, headers: response.headers, operationId: found?.operation.operationId };
}

/** A fresh emulator with a small workspace unless told otherwise. */
export const emulatorFor = (options: EmulatorOptions = {}) => createEmulator({ users: 40, ...options });

/** Every item of a cursor list, following next_page until has_next is false. */
export async function walk(
  emulator: Emulator,
  path: string,
  token = 'test-token',
  limit = 7,
  from?: string,
): Promise<Answer['body'][]> {
  const items: Answer['body'][] = [];
  let cursor = from ? `&cursor=${from}` : '';
  for (let page = 0; page < 2_000; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const { status, body } = await call(emulator, 'GET', `${path}${separator}limit=${limit}${cursor}`, { token });
    expect(status).toBe(200);
    items.push(...body.data);
    if (!body.meta.paginate.has_next) return items;
    cursor = `&cursor=${body.meta.paginate.next_page}`;
  }
  throw new Error(`${path}: no last page after 2,000 pages`);
}

/** A tiny PNG for avatar uploads. */
export const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export const imageForm = (bytes: Uint8Array = PNG, type = 'image/png'): FormData => {
  const form = new FormData();
  form.append('image', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), 'avatar.png');
  return form;
};
