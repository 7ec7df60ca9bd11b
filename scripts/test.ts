// `npm test`: every check a change must pass, ending with one `N passed, N failed` line.
// The checks before vitest count as one test each, so a stale spec or a type error is never
// hidden behind a green test summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, REDOCLY_BIN } from './lib/spec.js';

const bin = (pkg: string, file: string) => join(ROOT, 'node_modules', pkg, file);
const REPORT = join(ROOT, '.tmp/vitest-report.json');

interface Check {
  name: string;
  args: string[];
}

const checks: Check[] = [
  { name: 'spec lint (redocly, recommended-strict)', args: [REDOCLY_BIN, 'lint', '--format', 'stylish'] },
  { name: 'generated/ is current', args: ['--import', 'tsx', join(ROOT, 'scripts/generate.ts'), '--check'] },
  { name: 'typecheck (tsc --noEmit)', args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', ROOT] },
  { name: 'package: build + publint + attw', args: ['--import', 'tsx', join(ROOT, 'scripts/check-package.ts')] },
];

function run(args: string[]): number {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

let passed = 0;
let failed = 0;
for (const check of checks) {
  console.log(`\n▶ ${check.name}`);
  if (run(check.args) === 0) passed++;
  else {
    failed++;
    console.error(`✖ ${check.name} failed`);
  }
}

console.log('\n▶ vitest');
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
rmSync(REPORT, { force: true });
const vitestStatus = run([
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORT}`,
]);
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no failed tests of its own; count the run as one failure.
  if (vitestStatus !== 0 && report.numFailedTests === 0) failed++;
} else {
  console.error('✖ vitest wrote no report');
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
