// The spec as the tests see it: bundled once per run by test/setup/spec.ts, `$ref`s inlined here.
import { inject } from 'vitest';
import { dereference } from '../../scripts/lib/dereference.js';
import { listOperations, type Operation, type Spec } from '../../scripts/lib/spec.js';

let cached: Spec | undefined;

/** The dereferenced spec. */
export function spec(): Spec {
  cached ??= dereference(inject('bundledSpec'));
  return cached;
}

/** Every operation of the spec, path-level parameters merged in. */
export function specOperations(): Operation[] {
  return listOperations(spec());
}
