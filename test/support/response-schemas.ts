// One ajv for the spec's response schemas, shared by the suites that check answers no Prism
// stands in front of (the --dynamic mock's, the emulator engine's in-process answers).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { Schema } from '../../scripts/lib/spec.js';

/** An ajv that reads the spec's schemas. */
export function specAjv(): Ajv2020 {
  // OpenAPI's annotations are not JSON Schema keywords; int32/int64 are OpenAPI formats.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addVocabulary(['example', 'x-faker']);
  // ajv-formats is CommonJS: from ESM its plugin is the `default` property of the module.
  ajvFormats.default(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  return ajv;
}

export function compileValidators<K>(schemas: Map<K, Schema>): Map<K, ValidateFunction> {
  const ajv = specAjv();
  return new Map([...schemas].map(([id, schema]) => [id, ajv.compile(schema)]));
}
