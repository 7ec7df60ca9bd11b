// `pachca emulator` is the only code that loads the emulator: in the built package its server,
// engine and ajv sit in a file of their own that dist/cli.js reaches only through import(), and
// neither the SDK's entry nor `pachca users list --help` loads it (their module loads recorded
// by a Node loader hook).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const dist = () => join(inject('cliPath'), '..');
const scratch = mkdtempSync(join(tmpdir(), 'pachca-loads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STATIC_IMPORT = /(?:^|[;\n])\s*(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["'](\.\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.\/[^"']+)["']\s*\)/g;

/** The files of dist/ that `entry` loads by static imports, itself included. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, target] of readFileSync(join(dist(), file), 'utf8').matchAll(STATIC_IMPORT)) visit(target!.slice(2));
  };
  visit(entry);
  return seen;
}

/** The one file of the package that holds the emulator's Node server (its `startEmulatorServer`). */
function emulatorChunk(): string {
  const holding = inject('packedFiles')
    .map((file) => file.path)
    .filter(
      (path) =>
        path.endsWith('.js') && /function startEmulatorServer\(/.test(readFileSync(join(dist(), '..', path), 'utf8')),
    )
    .map((path) => path.slice('dist/'.length));
  expect(holding).toEqual(['cli-emulator.js']);
  return 'cli-emulator.js';
}

/** The dist/ files a Node process loads for `args`, recorded by a loader hook, and its exit code. */
async function loadedBy(args: string[]): Promise<{ files: string[]; code: number }> {
  const log = join(scratch, `loads-${args.length}-${Date.now()}.txt`);
  const hooks = join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`,
  );
  const register = join(scratch, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: ${JSON.stringify(log)} });
`,
  );
  writeFileSync(log, '');
  const code = await run(process.execPath, ['--import', pathToFileURL(register).href, ...args], {
    timeout: 20_000,
  }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
  const prefix = pathToFileURL(dist()).href;
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(prefix))
    .map((url) => url.slice(prefix.length + 1));
  return { files, code };
}

describe('the emulator chunk', () => {
  it('is reached from dist/cli.js only through import(), and the SDK entry never reaches it', () => {
    const chunk = emulatorChunk();
    expect(staticGraph('cli.js')).not.toContain(chunk);
    const dynamic = [...readFileSync(join(dist(), 'cli.js'), 'utf8').matchAll(DYNAMIC_IMPORT)].map((m) => m[1]);
    expect(dynamic).toContain(`./${chunk}`);
    for (const file of staticGraph('index.js')) {
      expect(file).not.toMatch(/^cli/);
      expect(readFileSync(join(dist(), file), 'utf8')).not.toContain('startEmulatorServer');
    }
  });

  it('is not loaded by `pachca users list --help` nor by the SDK, and is by `pachca emulator --users 0`', {
    timeout: 60_000,
  }, async () => {
    const chunk = emulatorChunk();
    const help = await loadedBy([join(dist(), 'cli.js'), 'users', 'list', '--help']);
    expect(help.code).toBe(0);
    expect(help.files).toContain('cli.js');
    expect(help.files).not.toContain(chunk);
    const sdk = await loadedBy([
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(dist(), 'index.js'))})`,
    ]);
    expect(sdk.code).toBe(0);
    expect(sdk.files).toContain('index.js');
    expect(sdk.files.filter((file) => file.startsWith('cli'))).toEqual([]);
    // The hook sees the chunk when it is loaded: a bad flag loads the command's code, which
    // refuses the value and exits 2 without serving.
    const emulator = await loadedBy([join(dist(), 'cli.js'), 'emulator', '--users', '0']);
    expect(emulator.code).toBe(2);
    expect(emulator.files).toContain(chunk);
  });
});
