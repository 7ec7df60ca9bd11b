// Regenerates generated/ from the spec: types (openapi-typescript), the operation table, the
// typed resource interface, the CLI's commands, the MSW handlers' table, the version and the
// emulator's seed pools. `--check` fails instead of writing when generated/ is stale. `--spec FILE`
// and `--out DIR` generate from another spec root into another folder (the test that adds an
// operation to a copy of the spec uses them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { dereference } from './lib/dereference.js';
import { generatedHeader, ROOT, SPEC_ROOT, type Spec, bundleSpec, listOperations } from './lib/spec.js';
import { checkConventions } from './lib/conventions.js';
import { runMain } from './lib/run-main.js';
import { renderOperationTable, renderResourceTypes } from './lib/operation-table.js';
import { renderCliCommands } from './lib/cli-table.js';
import { renderMswTable } from './lib/msw-table.js';
import { renderVersion } from './lib/version-file.js';
import { renderEmulatorPools } from './lib/emulator-pools.js';

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

async function renderSchemaTypes(specRoot: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specRoot), {
    // openapi-typescript renders `format: binary` as string; uploads are Blobs.
    transform(schema) {
      if (schema.format !== 'binary') return undefined;
      const nullable = Array.isArray(schema.type) && schema.type.includes('null');
      return nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    },
  });
  return `${generatedHeader()}${astToString(ast)}`;
}

/**
 * Every file of generated/, by name, rendered from the spec at `specRoot`; `spec` is that spec
 * bundled and dereferenced, when the caller has it already.
 */
export async function renderGenerated(
  specRoot = SPEC_ROOT,
  spec: Spec = dereference(bundleSpec({ specRoot })),
): Promise<Record<string, string>> {
  const ops = listOperations(spec);
  checkConventions(ops);
  return {
    'schema.d.ts': await renderSchemaTypes(specRoot),
    'operations.ts': renderOperationTable(ops),
    'resources.ts': renderResourceTypes(ops),
    'cli-commands.ts': renderCliCommands(ops, spec),
    'msw.ts': renderMswTable(ops, spec),
    'version.ts': renderVersion(),
    'emulator-pools.ts': renderEmulatorPools(spec),
  };
}

/** Writes the files of `renderGenerated()` that differ from those in `outDir`; returns their names. */
export async function generate({
  specRoot = SPEC_ROOT,
  outDir = join(ROOT, 'generated'),
  spec,
}: {
  specRoot?: string;
  outDir?: string;
  spec?: Spec;
} = {}): Promise<string[]> {
  const files = await renderGenerated(specRoot, spec);
  const stale = staleFiles(files, outDir);
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) if (stale.includes(name)) writeFileSync(join(outDir, name), text);
  return stale;
}

function staleFiles(files: Record<string, string>, dir: string): string[] {
  return Object.entries(files)
    .filter(([name, text]) => {
      const path = join(dir, name);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    })
    .map(([name]) => name);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, spec: { type: 'string' }, out: { type: 'string' } },
  });
  const specRoot = values.spec ? resolve(values.spec) : SPEC_ROOT;
  const outDir = values.out ? resolve(values.out) : join(ROOT, 'generated');
  if (values.check) {
    const files = await renderGenerated(specRoot);
    const stale = staleFiles(files, outDir);
    if (stale.length) {
      console.error(`generated/ is out of date (${stale.join(', ')}): run \`npm run generate\` and commit.`);
      process.exit(1);
    }
    console.log(`generated/ is up to date (${Object.keys(files).length} files).`);
    return;
  }
  const written = await generate({ specRoot, outDir });
  console.log(`${outDir}: ${written.length ? written.join(', ') : 'nothing'} written.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runMain('generate', main);
