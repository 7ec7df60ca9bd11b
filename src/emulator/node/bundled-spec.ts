// The bundled spec the server checks against: dist/spec/openapi.json, which `npm run build` writes
// with Redocly and the package ships (`pachca-sdk/openapi.json`). At run time nothing but this one
// file is read: no Redocly, no multi-file spec.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './spec-check.js';
import { UserFacingError } from './user-facing-error.js';

// Beside the built chunk (dist/), or, run from the sources, in the repository's dist/.
const CANDIDATES = ['./spec/openapi.json', '../../../dist/spec/openapi.json'];

export function loadBundledSpec(): OpenApiDocument {
  const paths = CANDIDATES.map((candidate) => fileURLToPath(new URL(candidate, import.meta.url)));
  const found = paths.find((path) => existsSync(path));
  if (!found)
    throw new UserFacingError(`the bundled spec is missing (looked for ${paths.join(', ')}); run npm run build`);
  return JSON.parse(readFileSync(found, 'utf8')) as OpenApiDocument;
}
