// generated/version.ts: the package's version, from package.json (its one source), for the
// User-Agent and `pachca --version`. A constant rather than a runtime read of package.json: the
// browser build has no file system, and importing the JSON would bundle all of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedHeader, ROOT } from './spec.js';

export function renderVersion(): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return `${generatedHeader('package.json')}
/** The package's version, as package.json has it. */
export const VERSION = ${JSON.stringify(version)};
`;
}
