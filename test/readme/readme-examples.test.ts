// Every example in README.md runs as written, in the order shown, against a freshly seeded
// emulator of its own: each shell block's `pachca …` lines through the CLI (in-process, with a
// private config dir and the block's `export`s, as a reader's terminal would carry them), and each
// TypeScript or JavaScript block with tsx, `pachca-sdk` mapped to the source, PACHCA_TOKEN and
// PACHCA_BASE_URL set. A command succeeds unless a `# → exit N: …` comment says how it fails. A
// block marked `<!-- readme-test: FILE -->` must print FILE as it is (that file's suite runs it);
// one marked `<!-- readme-test: fragment (…) -->` is a piece of a larger program and is not run.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';
import { exitCodesMarkdown } from '../../src/cli/exit-codes.js';
import { runInProcess, tempDir } from '../cli/run-cli.js';
import { expand, shellWords } from '../cli/shell-words.js';
import { type EngineServer, startEngineServer } from '../support/engine-server.js';
import { type Block, readmeBlocks, shellSteps } from './readme-blocks.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = readmeBlocks(README);
const TSX = createRequire(join(ROOT, 'package.json')).resolve('tsx');
/** The owner's token: what the README's quickstart exports. */
const TOKEN = 'test-token';
/** A 1×1 PNG: the README's SDK example uploads `./avatar.png` from the current directory. */
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const RUN_TIMEOUT_MS = 60_000;

const where = (block: Block, line = block.line) => `README.md:${line} (${block.heading})`;
const runnable = (block: Block) => (block.lang === 'ts' || block.lang === 'js') && !block.marker;

/** Loads each block file in order in one tsx process; the first that throws stops the run. */
const RUNNER = `import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [resultFile, ...files] = process.argv.slice(2);
const results = [];
for (const file of files) {
  try {
    await import(pathToFileURL(file).href);
    results.push({ file, error: null });
  } catch (error) {
    results.push({ file, error: String(error?.stack ?? error) });
    break;
  }
}
writeFileSync(resultFile, JSON.stringify(results));
`;

interface Session {
  dir: string;
  env: Record<string, string>;
  emulator: EngineServer;
}

/** Runs consecutive TypeScript/JavaScript blocks in one tsx process and fails naming the first that throws. */
async function runScripts(session: Session, group: Block[]): Promise<void> {
  const files = group.map((block) => {
    const file = join(session.dir, `block-${block.line}.${block.lang === 'ts' ? 'mts' : 'mjs'}`);
    writeFileSync(file, block.text);
    return file;
  });
  const runner = join(session.dir, 'run-blocks.mjs');
  const results = join(session.dir, `results-${group[0]!.line}.json`);
  writeFileSync(runner, RUNNER);
  const env = {
    PATH: process.env.PATH,
    HOME: session.dir,
    PACHCA_TOKEN: TOKEN,
    ...session.env,
    PACHCA_BASE_URL: session.emulator.url,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
  };
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, runner, results, ...files],
      { cwd: session.dir, env, timeout: RUN_TIMEOUT_MS },
      (error, stdout, stderr) => resolve(`${error ? `${error.message}\n` : ''}stdout:\n${stdout}\nstderr:\n${stderr}`),
    );
  });
  const ran: { file: string; error: string | null }[] = existsSync(results)
    ? JSON.parse(readFileSync(results, 'utf8'))
    : [];
  for (const [i, block] of group.entries()) {
    const result = ran[i];
    if (!result) throw new Error(`${where(block)}: the ${block.lang} block did not run\n${output}`);
    if (result.error) throw new Error(`${where(block)}: the ${block.lang} block threw\n${result.error}\n${output}`);
  }
}

async function runShell(session: Session, block: Block): Promise<number> {
  let commands = 0;
  for (const step of shellSteps(block)) {
    if (step.kind === 'export') {
      // The README's mock URL stands for a running emulator: this suite's own.
      for (const [name, value] of Object.entries(step.vars))
        session.env[name] = name === 'PACHCA_BASE_URL' ? session.emulator.url : expand(value, session.env);
      continue;
    }
    const words = shellWords(expand(step.command, session.env));
    const run = await runInProcess(words, { env: session.env });
    const shown = `${where(block, step.line)}: \`${step.text}\` exited ${run.code}, the README says ${step.exit}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect(run.code, shown).toBe(step.exit);
    if (step.redirect) writeFileSync(join(session.dir, step.redirect), run.stdout);
    commands++;
  }
  return commands;
}

/** An example printed from a file: the file from its first import on (its header says why it exists). */
function checkPrinted(block: Block, page = 'README.md'): void {
  const at = `${page}:${block.line} (${block.heading})`;
  const file = join(ROOT, block.marker!);
  expect(existsSync(file), `${at}: readme-test names ${block.marker}, which does not exist`).toBe(true);
  const source = readFileSync(file, 'utf8');
  expect(`${block.text}\n`, `${at} differs from ${block.marker}`).toBe(source.slice(source.indexOf('import ')));
}

describe('README.md', () => {
  let session: Session;
  beforeAll(async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'avatar.png'), AVATAR_PNG);
    session = {
      dir,
      env: { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') },
      emulator: await startEngineServer(),
    };
  });
  afterAll(() => session?.emulator.close());

  it('runs every example as written, in order, against a seeded emulator', { timeout: 120_000 }, async () => {
    let commands = 0;
    let scripts = 0;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (runnable(block)) {
        const group = [block];
        while (blocks[i + 1] && runnable(blocks[i + 1]!)) group.push(blocks[++i]!);
        await runScripts(session, group);
        scripts += group.length;
      } else if (block.lang === 'sh') {
        commands += await runShell(session, block);
      }
    }
    // Guards against a parser that finds nothing: the README has both kinds.
    expect(commands).toBeGreaterThanOrEqual(10);
    expect(scripts).toBeGreaterThanOrEqual(3);
    expect(await session.emulator.violations(), 'answers that break the spec').toEqual([]);
  });

  it('prints the examples marked with a file as those files are; every other mark is a fragment', () => {
    const marked = blocks.filter((block) => block.marker);
    for (const block of marked) {
      if (block.marker!.startsWith('fragment (')) continue;
      checkPrinted(block);
    }
    expect(marked.length).toBeGreaterThan(0);
  });

  it('links pages under docs/ whose examples marked with a file print those files as they are', () => {
    for (const page of readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'))) {
      expect(README, `README.md links docs/${page}`).toContain(`(docs/${page})`);
      const marked = readmeBlocks(readFileSync(join(ROOT, 'docs', page), 'utf8')).filter(
        (block) => block.marker && !block.marker.startsWith('fragment ('),
      );
      for (const block of marked) checkPrinted(block, `docs/${page}`);
    }
  });

  it("shows the CLI's exit-code table as src/cli/exit-codes.ts has it", () => {
    expect(README).toContain(`${exitCodesMarkdown()}\n`);
  });
});
