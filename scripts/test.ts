// `npm test`: every check a change must pass, ending with one `N passed, N failed` line.
// The checks beside vitest count as one test each, so a stale spec or a type error is never
// hidden behind a green test summary.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runNode } from './lib/processes.js';
import { ROOT, REDOCLY_BIN } from './lib/spec.js';
import { TYPECHECK_REPORT_ENV } from './lib/typecheck-report.js';

const bin = (pkg: string, file: string) => join(ROOT, 'node_modules', pkg, file);
const REPORT = join(ROOT, '.tmp/vitest-report.json');
// Written by vitest's global setup (test/setup/package.ts), whose package build type-checks the
// whole project in the same TypeScript program: tsc's errors, or nothing.
const TYPECHECK_REPORT = join(ROOT, '.tmp/typecheck.txt');
const TYPECHECK = "typecheck (the whole project, in the package build's TypeScript program)";

interface Check {
  name: string;
  args: string[];
}

const checks: Check[] = [
  { name: 'spec lint (redocly, recommended-strict)', args: [REDOCLY_BIN, 'lint', '--format', 'stylish'] },
  { name: 'generated/ is current', args: ['--import', 'tsx', join(ROOT, 'scripts/generate.ts'), '--check'] },
  // Lint and format in one pass; a warning fails too, so the tree stays at zero diagnostics.
  {
    name: 'lint and format (biome ci)',
    args: [bin('@biomejs/biome', 'bin/biome'), 'ci', '--error-on-warnings', '--colors=off', '.'],
  },
];

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
rmSync(REPORT, { force: true });
rmSync(TYPECHECK_REPORT, { force: true });

// The checks and vitest are mostly single-threaded, so they run side by side on the 2 cores;
// the checks' output is printed after vitest's so the two never interleave.
const started = performance.now();
const checkRuns = checks.map((check) =>
  runNode(check.args).then(
    (outcome) => ({ check, outcome }),
    (error: Error) => ({ check, outcome: { status: 1, output: String(error) } }),
  ),
);
console.log('\n▶ vitest');
const vitest = await runNode(
  [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`],
  { live: true, env: { [TYPECHECK_REPORT_ENV]: TYPECHECK_REPORT } },
).catch((error: Error) => ({ status: 1, output: String(error) }));

let passed = 0;
let failed = 0;
for (const { check, outcome } of await Promise.all(checkRuns)) {
  console.log(`\n▶ ${check.name}`);
  process.stdout.write(outcome.output);
  if (outcome.status === 0) {
    passed++;
    console.log(`✔ ${check.name}`);
  } else {
    failed++;
    console.error(`✖ ${check.name} failed (exit ${outcome.status})`);
  }
}

console.log(`\n▶ ${TYPECHECK}`);
if (!existsSync(TYPECHECK_REPORT)) {
  failed++;
  console.error(`✖ ${TYPECHECK}: vitest's global setup wrote no report`);
} else if (readFileSync(TYPECHECK_REPORT, 'utf8') !== '') {
  failed++;
  process.stdout.write(readFileSync(TYPECHECK_REPORT, 'utf8'));
  console.error(`✖ ${TYPECHECK} failed`);
} else {
  passed++;
  console.log(`✔ ${TYPECHECK}`);
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
}

// test/examples/ runs each program in examples/ as one test named after its file.
const examples = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.ts'));
let examplesRan = 0;
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no failed tests of its own; count the run as one failure.
  if (vitest.status !== 0 && report.numFailedTests === 0) failed++;
  examplesRan = report.testResults
    .filter((file) => file.name.endsWith(join('test', 'examples', 'examples.test.ts')))
    .flatMap((file) => file.assertionResults)
    .filter((test) => test.status === 'passed' && examples.includes(test.title)).length;
} else {
  console.error('✖ vitest wrote no report');
  failed++;
}

console.log(`\nexamples: ${examplesRan}/${examples.length} ran`);

console.log(`\nnpm test took ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
