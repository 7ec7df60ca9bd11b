// What `npm start -- --dynamic` gives a frontend: generated answers that still validate against the
// spec, with values that look like a real workspace (the `x-faker` annotations in
// openapi/components/schemas). One mock for the whole file; every GET operation is called 20 times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST } from '../../scripts/lib/ports.js';
import { type Prism, startPrism } from '../../scripts/lib/prism.js';
import { freePort } from '../../scripts/lib/ports.js';
import type { Operation } from '../../scripts/lib/spec.js';
import { PATH_PARAM } from '../../src/core/names.js';
import { compileValidators } from '../support/response-schemas.js';
import { specOperations } from '../support/spec.js';

const CALLS_PER_OPERATION = 20;
const TOKEN = 'dynamic-mock-token';
// Lorem ipsum words: json-schema-faker's strings are made of them (short ones such as `ut` or `in`
// are left out, as real names contain them).
const FILLER =
  /\b(lorem|ipsum|dolor|sit|amet|consectetur|adipisicing|adipiscing|elit|sed|do|eiusmod|tempor|incididunt|labore|dolore|magna|aliqua|veniam|nostrud|exercitation|ullamco|laboris|aliquip|commodo|consequat|reprehenderit|voluptate|velit|esse|cillum|fugiat|nulla|pariatur|excepteur|occaecat|cupidatat|proident|culpa|officia|deserunt|mollit|anim|laborum)\b/i;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const EARLIEST = Date.parse('2015-01-01T00:00:00Z');
const LATEST = Date.now() + 5 * 365 * 24 * 3600 * 1000;

interface Answer {
  operation: Operation;
  status: number;
  body: unknown;
}

/** A request for `op` with every path parameter set to 7 and each required query parameter filled in. */
function urlFor(base: string, op: Operation): string {
  const url = new URL(base + op.path.replace(PATH_PARAM, '7'));
  for (const param of op.parameters) {
    if (param.in === 'query' && param.required) url.searchParams.set(param.name, String(param.schema.enum?.[0] ?? 'x'));
  }
  return url.href;
}

/** Every `[key, value]` pair in a JSON value, at any depth, with the key of the array an item sits in. */
function* entries(value: unknown, key = ''): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const item of value) yield* entries(item, key);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [k, v];
      yield* entries(v, k);
    }
  } else if (key) yield [`${key}[]`, value];
}

/** Objects at any depth, for checks that need a value's siblings (a tag name, a property's data_type). */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item);
  else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

describe('the mock with --dynamic', () => {
  const gets = specOperations().filter((op) => op.method === 'get');
  const schemas = new Map(
    gets.map((op) => [op.operationId, op.responses['200']!.content!['application/json']!.schema]),
  );
  const validators = compileValidators(schemas);
  let mock: Prism;
  const answers: Answer[] = [];

  beforeAll(async () => {
    mock = await startPrism({ port: await freePort(HOST), dynamic: true, log: () => undefined });
    for (const operation of gets) {
      const calls = Array.from({ length: CALLS_PER_OPERATION }, async () => {
        const response = await fetch(urlFor(mock.url, operation), {
          headers: { Authorization: `Bearer ${TOKEN}` },
          signal: AbortSignal.timeout(5_000),
        });
        answers.push({ operation, status: response.status, body: await response.json() });
      });
      await Promise.all(calls);
    }
  }, 60_000);
  afterAll(() => mock?.stop());

  const values = (test: (key: string) => boolean) =>
    answers.flatMap(({ body }) => [...entries(body)].filter(([key, value]) => test(key) && value !== null));

  it(`answers every GET operation (${CALLS_PER_OPERATION} calls each) with a body that validates against the spec`, () => {
    expect(answers).toHaveLength(gets.length * CALLS_PER_OPERATION);
    for (const { operation, status, body } of answers) {
      expect(status, operation.operationId).toBe(200);
      const validate = validators.get(operation.operationId)!;
      expect(
        validate(body) ? [] : validate.errors,
        `${operation.operationId}: ${JSON.stringify(body).slice(0, 300)}`,
      ).toEqual([]);
    }
  });

  it('gives emails with a dotted domain', () => {
    const emails = values((key) => key === 'email');
    expect(emails.length).toBeGreaterThan(CALLS_PER_OPERATION);
    for (const [, email] of emails) expect(email).toMatch(EMAIL);
  });

  it('gives avatar and link values that parse as http(s) URLs', () => {
    const links = [
      ...values((key) => key === 'image_url').map(([, url]) => url),
      ...answers.flatMap(({ body }) =>
        [...objects(body)]
          .filter((o) => o.data_type === 'link' && o.value !== null && 'value' in o)
          .map((o) => o.value),
      ),
    ];
    expect(links.length).toBeGreaterThan(CALLS_PER_OPERATION);
    for (const link of links) expect(['http:', 'https:']).toContain(new URL(String(link)).protocol);
  });

  it('gives positive ids', () => {
    const ids = values((key) => key === 'id' || key.endsWith('_id'));
    expect(ids.length).toBeGreaterThan(gets.length * CALLS_PER_OPERATION);
    for (const [key, id] of ids) expect(id, key).toBeGreaterThanOrEqual(1);
  });

  it('gives dates between 2015 and five years from now', () => {
    const dates = values((key) => key.endsWith('_at'));
    expect(dates.length).toBeGreaterThan(CALLS_PER_OPERATION);
    for (const [key, date] of dates) {
      const time = Date.parse(String(date));
      expect(time, `${key}: ${String(date)}`).toBeGreaterThanOrEqual(EARLIEST);
      expect(time, `${key}: ${String(date)}`).toBeLessThanOrEqual(LATEST);
    }
  });

  it('gives names and tag names that are not Latin filler', () => {
    const tagNames = answers.flatMap(({ body }) =>
      [...objects(body)].filter((o) => 'users_count' in o).map((o) => o.name),
    );
    const names = [
      ...values((key) => key === 'first_name' || key === 'last_name' || key === 'list_tags[]').map(([, name]) => name),
      ...tagNames,
    ];
    expect(tagNames.length).toBeGreaterThan(CALLS_PER_OPERATION);
    expect(names.length).toBeGreaterThan(3 * CALLS_PER_OPERATION);
    for (const name of names) expect(String(name)).not.toMatch(FILLER);
  });

  it('gives custom property values that fit their data_type', () => {
    const properties = answers.flatMap(({ body }) =>
      [...objects(body)].filter((o) => 'data_type' in o && 'value' in o && o.value !== null),
    );
    expect(properties.length).toBeGreaterThan(CALLS_PER_OPERATION);
    const fits: Record<string, (value: string) => boolean> = {
      string: (value) => value.trim() !== '',
      number: (value) => Number.isFinite(Number(value)),
      date: (value) => !Number.isNaN(Date.parse(value)),
      link: (value) => /^https?:\/\//.test(value),
    };
    for (const { data_type, value } of properties)
      expect(fits[String(data_type)]?.(String(value)), `${String(data_type)}: ${String(value)}`).toBe(true);
  });

  it('sometimes answers null where the spec allows it, as real data does', () => {
    const nullable = answers.flatMap(({ body }) =>
      [...entries(body)].filter(([key]) => ['first_name', 'email', 'image_url', 'user_status'].includes(key)),
    );
    expect(nullable.some(([, value]) => value === null)).toBe(true);
    expect(nullable.some(([, value]) => value !== null)).toBe(true);
  });
});
