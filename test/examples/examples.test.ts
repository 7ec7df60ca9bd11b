// Every program in examples/ runs the way its opening comment tells a user to run it: each
// `//   npx tsx examples/<file> …` line runs from the repository root (so `pachca-sdk` resolves
// through tsconfig's `paths`, as it does for tsx users), against the shared Prism mock, and must
// exit 0 with the output its workflow promises. The first example's first line is spawned exactly
// so, as `node --import tsx examples/<file> …`; the other runs use the same files compiled once by
// esbuild (which reads the same tsconfig `paths`), since tsx's start-up is most of a run's cost.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';
import { MOCK_TOKEN, mockUrl } from '../support/mock.js';

const EXAMPLES_DIR = join(ROOT, 'examples');
/** A run is about a second on an idle machine; the limits only spare a loaded one. */
const RUN_TIMEOUT_MS = 60_000;

interface Expected {
  stdout: RegExp[];
  /** Patterns stderr must match; without them stderr must be empty (no warnings, no errors). */
  stderr?: RegExp[];
}

/**
 * What each run line must print against the mock, in the order of the lines. The mock answers
 * with the spec's first examples: profile and token of user 12 (Oleg Petrov), tags Backend and QA,
 * users 12 and 13 on a single (last) page.
 */
const expected: Record<string, Expected[]> = {
  'whoami.ts': [
    {
      stdout: [
        /^Token \S+ \(.+\), user 12$/m,
        /^Scopes: .*users:read/m,
        /^Signed in as Oleg Petrov <olegp@example\.com>, role admin$/m,
        /^Has every scope needed: users:read, group_tags:read$/m,
      ],
    },
  ],
  'vacation-status.ts': [
    { stdout: [/^Current status: /m, /^Set: 🏖️ .+ \(away\), until /m, /^Away message: \S/m, /^Cleared the status\.$/m] },
  ],
  'onboard-from-csv.ts': [
    {
      stdout: [
        /^Created tag Design \(id \d+\)$/m,
        /^Line 2: created ivan\.petrov@example\.com as user \d+$/m,
        /^Onboarded (\d+) of \1 users\.$/m,
      ],
    },
  ],
  'export-tag-members.ts': [
    {
      stdout: [
        /^id,first_name,last_name,nickname,email,department,title,role,suspended\n/,
        /^12,Oleg,Petrov,olegp,olegp@example\.com,Product,CIO,admin,false$/m,
        /^13,Anna,,anna,,,,user,false$/m,
      ],
      stderr: [/^Exported 2 members of Backend \(tag 9111\)\.$/m],
    },
  ],
  'suspend-users.ts': [
    {
      stdout: [
        /^skip {4}olegp \(12, .+\): that is you$/m,
        /^would suspend anna \(13, no email\)$/m,
        /dry run: nothing was changed/,
      ],
    },
    { stdout: [/^suspended anna \(13, no email\)$/m, /^1 of 1 users suspended\.$/m] },
  ],
  'bulk-status-with-rate-limit.ts': [
    {
      stdout: [
        /^Status set for 2 of 2 members of Backend in [\d.]+ s \(limit \d+\/s\)\.$/m,
        /^429 answers waited out and retried: 0\.$/m,
      ],
    },
  ],
};

const examples = readdirSync(EXAMPLES_DIR)
  .filter((file) => file.endsWith('.ts'))
  .sort();

/** The `//   npx tsx examples/<file> args` lines of an example's opening comment, as argv. */
function runLines(file: string): string[][] {
  const header = readFileSync(join(EXAMPLES_DIR, file), 'utf8').split('\n');
  const comment = header.slice(
    0,
    header.findIndex((line) => !line.startsWith('//')),
  );
  return comment
    .map((line) => /^\/\/\s+npx tsx (.*)$/.exec(line)?.[1])
    .filter((command) => command !== undefined)
    .map((command) => [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!));
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Each example compiled to one ESM file beside the others: `<dir>/<name>.js`, inside the
 * repository so that its packages (openapi-fetch) resolve from node_modules as they do for tsx.
 */
let compiled: string;
beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  compiled = mkdtempSync(join(ROOT, '.tmp', 'examples-'));
  await build({
    entryPoints: examples.map((file) => join(EXAMPLES_DIR, file)),
    absWorkingDir: ROOT,
    tsconfig: join(ROOT, 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // pachca-sdk is mapped to src/ by tsconfig's `paths`, so it is bundled like the example itself.
    alias: { 'pachca-sdk': join(ROOT, 'src/index.ts') },
    outdir: compiled,
    logLevel: 'error',
  });
});
afterAll(() => rmSync(compiled, { recursive: true, force: true }));

/**
 * Runs `argv` (`examples/<file> args…`): through tsx as the header says, or the compiled file
 * with the same arguments and working directory.
 */
function runExample(
  argv: string[],
  extraEnv: Record<string, string> = {},
  through: 'tsx' | 'compiled' = 'compiled',
): Promise<Run> {
  // Only what a user would set: the mock's URL and a token (no inherited NODE_OPTIONS or vitest state).
  const env = { PATH: process.env.PATH, PACHCA_BASE_URL: mockUrl(), PACHCA_TOKEN: MOCK_TOKEN, ...extraEnv };
  const [file = '', ...args] = argv;
  const command =
    through === 'tsx'
      ? ['--import', 'tsx', ...argv]
      : [join(compiled, file.replace(/^examples\//, '').replace(/\.ts$/, '.js')), ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, command, { cwd: ROOT, env, timeout: RUN_TIMEOUT_MS }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe.concurrent('examples run against the mock', () => {
  it.each(examples)(
    '%s',
    async (file) => {
      const lines = runLines(file);
      expect(lines.length, `${file} opens with no "//   npx tsx examples/${file}" line`).toBeGreaterThan(0);
      expect(expected[file], `no expected output for ${file} in this test`).toHaveLength(lines.length);
      for (const [i, argv] of lines.entries()) {
        expect(argv[0], 'a run line names its own file').toBe(`examples/${file}`);
        // tsx resolves and runs every example the same way: one literal `npx tsx` run proves it.
        const run = await runExample(argv, {}, file === examples[0] && i === 0 ? 'tsx' : 'compiled');
        const shown = `npx tsx ${argv.join(' ')} exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
        expect(run.code, shown).toBe(0);
        const { stdout, stderr = [] } = expected[file]![i]!;
        for (const pattern of stdout) expect(run.stdout, shown).toMatch(pattern);
        if (stderr.length === 0) expect(run.stderr, shown).toBe('');
        for (const pattern of stderr) expect(run.stderr, shown).toMatch(pattern);
      }
    },
    150_000,
  );

  it.each(examples)(
    '%s --help prints its usage and exits 0, sending nothing',
    { timeout: RUN_TIMEOUT_MS },
    async (file) => {
      // An unreachable base URL: a run that tried the API would fail instead.
      const run = await runExample([`examples/${file}`, '--help'], { PACHCA_BASE_URL: 'http://127.0.0.1:9' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: npx tsx examples/${file.replace('.', '\\.')} .*\n\n\\S`));
      expect(run.stderr).toBe('');
    },
  );

  it('expects output only of examples that exist', () => {
    expect(Object.keys(expected).filter((file) => !examples.includes(file))).toEqual([]);
  });
});
