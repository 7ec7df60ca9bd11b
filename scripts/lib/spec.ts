// Loads the spec the way every tool here sees it: bundled by Redocly, references inlined by
// scripts/lib/dereference.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SPEC_ROOT = join(ROOT, 'openapi/openapi.yaml');
export const REDOCLY_BIN = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Bundles the spec with Redocly into one document that keeps its `#/components` references, with
 * `overlays` (OpenAPI Overlay files) applied in order. Pass the result through `dereference()`
 * (scripts/lib/dereference.ts) to inline the references. `specRoot` is the root file
 * (openapi/openapi.yaml unless a test generates from a copy).
 */
export function bundleSpec({
  specRoot = SPEC_ROOT,
  overlays = [],
}: {
  specRoot?: string;
  overlays?: string[];
} = {}): Spec {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-spec-'));
  try {
    const out = join(dir, 'openapi.json');
    const overlayArgs = overlays.flatMap((overlay) => ['--overlay', overlay]);
    execFileSync(process.execPath, [REDOCLY_BIN, 'bundle', specRoot, ...overlayArgs, '-o', out, '--ext', 'json'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Spec;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Spec {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  [key: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }>;
}

export interface Operation {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, ResponseObject>;
  security?: unknown[];
  'x-sdk-method': string;
  'x-cli-command': string;
  'x-paginated'?: boolean;
  'x-sdk-body'?: string;
}

/** Every operation of a (dereferenced) spec, path-level parameters merged in. */
export function listOperations(spec: Spec): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters ?? []) as Parameter[];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Omit<Operation, 'method' | 'path'> | undefined;
      if (!op) continue;
      ops.push({ ...op, method, path, parameters: [...shared, ...(op.parameters ?? [])] });
    }
  }
  return ops;
}
