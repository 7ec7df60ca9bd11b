// Vitest global setup: the spec bundled by Redocly once for the whole run, not once per suite.
// Suites read it through test/support/spec.ts; the shared emulator checks against it.
import type { TestProject } from 'vitest/node';
import { bundleSpec, type Spec } from '../../scripts/lib/spec.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** openapi/openapi.yaml bundled into one document, `$ref`s kept. */
    bundledSpec: Spec;
  }
}

export default function setup(project: TestProject): Spec {
  const spec = bundleSpec();
  project.provide('bundledSpec', spec);
  return spec;
}
