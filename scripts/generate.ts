// Regenerates generated/ from the spec: types (openapi-typescript), the operation table, the
// typed resource interface, the CLI's commands and the MSW handlers' table. `--check` fails instead
// of writing when generated/ is stale.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { dereference } from './lib/dereference.js';
import { generatedHeader, ROOT, SPEC_ROOT, bundleSpec, listOperations } from './lib/spec.js';
import { renderOperationTable, renderResourceTypes } from './lib/operation-table.js';
import { renderCliCommands } from './lib/cli-table.js';
import { renderMswTable } from './lib/msw-table.js';
import { renderVersion } from './lib/version-file.js';

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

async function renderSchemaTypes(): Promise<string> {
  const ast = await openapiTS(new URL(`file://${SPEC_ROOT}`), {
    // openapi-typescript renders `format: binary` as string; uploads are Blobs.
    transform(schema) {
      if (schema.format !== 'binary') return undefined;
      const nullable = Array.isArray(schema.type) && schema.type.includes('null');
      return nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    },
  });
  return `${generatedHeader()}${astToString(ast)}`;
}

export async function renderGenerated(): Promise<Record<string, string>> {
  const spec = dereference(bundleSpec());
  const ops = listOperations(spec);
  return {
    'schema.d.ts': await renderSchemaTypes(),
    'operations.ts': renderOperationTable(ops),
    'resources.ts': renderResourceTypes(ops),
    'cli-commands.ts': renderCliCommands(ops, spec),
    'msw.ts': renderMswTable(ops, spec),
    'version.ts': renderVersion(),
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dir = join(ROOT, 'generated');
  const files = await renderGenerated();
  const stale = Object.entries(files).filter(([name, text]) => {
    const path = join(dir, name);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  if (check) {
    if (stale.length) {
      console.error(
        `generated/ is out of date (${stale.map(([n]) => n).join(', ')}): run \`npm run generate\` and commit.`,
      );
      process.exit(1);
    }
    console.log(`generated/ is up to date (${Object.keys(files).length} files).`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of stale) writeFileSync(join(dir, name), text);
  console.log(`generated/: ${stale.length} of ${Object.keys(files).length} files written.`);
}

await main();
