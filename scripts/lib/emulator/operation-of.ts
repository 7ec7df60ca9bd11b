// The operationId of a method and path, from the generated operation table: violation reports
// name the operation, not just the URL.
import { operations } from '../../../generated/operations.js';
import { pathPattern } from '../../../src/core/names.js';
import { routeOf } from '../../../src/core/operation.js';

const matchers = Object.entries(operations).map(([operationId, row]) => {
  const { method, path } = routeOf(row);
  return { operationId, method, pattern: pathPattern(path) };
});

export function operationOf(method: string, path: string): string | undefined {
  const upper = method.toUpperCase();
  return matchers.find((m) => m.method === upper && m.pattern.test(path))?.operationId;
}
