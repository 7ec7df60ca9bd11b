// The package check of `npm test`: build dist/, pack it as npm would publish it, then lint the
// tarball with publint (--strict: warnings fail too) and @arethetypeswrong/cli (types resolve
// for require and import under node10, node16 and bundler resolution). Exits non-zero on any
// problem; the tarball's contents and an install are checked by test/package/.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from './build.js';
import { pack } from './lib/pack.js';
import { ROOT } from './lib/spec.js';

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Runs a tool, collecting its output so the two linters' reports don't interleave. */
function run(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: String(error) }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

const started = performance.now();
const { files, cli } = await buildPackage();
console.log(`built dist/: ${files.join(', ')}${cli ? '' : ' (no src/cli/index.ts yet: no bin)'}`);

const dir = mkdtempSync(join(tmpdir(), 'pachca-check-'));
let failed = false;
try {
  const { tarball } = await pack(dir);
  const results = await Promise.all([
    run(bin('publint'), ['run', tarball, '--strict']),
    run(bin('attw'), [tarball, '--format', 'table-flipped']),
  ]);
  for (const [name, { ok, output }] of [['publint', results[0]], ['attw', results[1]]] as const) {
    // The full report only when it has something to say.
    console.log(ok ? `${name}: no problems` : `${name}: PROBLEMS\n${output.trim()}`);
    failed ||= !ok;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`package check ${failed ? 'failed' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
