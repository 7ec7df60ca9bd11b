// Checks a request body against the generated check of its operation (required properties,
// types and enums, at any depth) and describes each problem the way the API does: one item of
// `errors[]` with the field's `key`, the rejected `value`, a `message` and a `code`.
import type { components } from '../../generated/schema.js';
import { isPlainObject } from '../core/json.js';

/** The part of a request schema the mock checks, in JSON Schema keywords (oneOf read as anyOf). */
export interface BodyCheck {
  type?: string | readonly string[];
  enum?: readonly unknown[];
  required?: readonly string[];
  properties?: Readonly<Record<string, BodyCheck>>;
  items?: BodyCheck;
  anyOf?: readonly BodyCheck[];
}

/** One item of the API's `errors[]`; the mock's have no payload. */
export type FieldError = components['schemas']['ApiErrorItem'] & { payload: null };

const HAS_TYPE: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
  array: Array.isArray,
  object: isPlainObject,
};

/** Past this many characters an echoed value is cut: a 5 MB field must not make a 5 MB error. */
export const MAX_REPORTED_CHARS = 200;
const CUT = '…';

/**
 * The rejected value as the API reports it: a string (JSON for anything else), or null when there
 * is none; cut to MAX_REPORTED_CHARS with an ellipsis. The one place errors echo what was sent.
 */
export function reported(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value); // too deep to serialise, or a BigInt
  }
  return text.length > MAX_REPORTED_CHARS ? text.slice(0, MAX_REPORTED_CHARS - CUT.length) + CUT : text;
}

const problem = (key: string, value: unknown, message: string, code: string): FieldError => ({
  // Problems with the body as a whole name it `body`; fields are named by their path, `user.email`.
  key: key || 'body',
  value: reported(value),
  message,
  code,
  payload: null,
});

const child = (key: string, name: string) => (key ? `${key}.${name}` : name);

/** Every problem of `value` against `check`; an empty list when it passes. */
export function bodyErrors(check: BodyCheck, value: unknown, key = ''): FieldError[] {
  if (check.anyOf) {
    const passes = check.anyOf.some((variant) => bodyErrors(variant, value, key).length === 0);
    return passes ? [] : [problem(key, value, 'does not match any allowed shape', 'invalid')];
  }
  const types = check.type === undefined ? [] : [check.type].flat();
  if (types.length && !types.some((type) => HAS_TYPE[type]?.(value))) {
    return [problem(key, value, `must be ${types.join(' or ')}`, 'invalid')];
  }
  if (check.enum && !check.enum.includes(value)) {
    return [problem(key, value, `is not included in the list (${check.enum.join(', ')})`, 'inclusion')];
  }
  if (Array.isArray(value) && check.items) {
    const items = check.items;
    return value.flatMap((item, i) => bodyErrors(items, item, `${key}[${i}]`));
  }
  if (!isPlainObject(value)) return [];
  const missing = (check.required ?? [])
    .filter((name) => value[name] === undefined)
    .map((name) => problem(child(key, name), null, 'is required', 'required'));
  const nested = Object.entries(check.properties ?? {})
    .filter(([name]) => value[name] !== undefined)
    .flatMap(([name, property]) => bodyErrors(property, value[name], child(key, name)));
  return [...missing, ...nested];
}
