// The packed tarball through the package linters: publint --strict (warnings fail too) and
// @arethetypeswrong/cli (the types resolve for require and import, for every entry, under node10,
// node16 and bundler resolution).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';

const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const LINT = { timeout: 60_000 };

/** A linter's exit code and report, so a failure shows what it found. */
async function lint(command: string, args: string[]): Promise<{ code: number; report: string }> {
  try {
    const { stdout, stderr } = await run(bin(command), args, {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { code: 0, report: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, report: stdout + stderr };
  }
}

describe('the packed tarball', () => {
  it('passes publint --strict', LINT, async () => {
    const { code, report } = await lint('publint', ['run', inject('tarball'), '--strict']);
    expect(code, report).toBe(0);
  });

  it('passes @arethetypeswrong/cli for every entry of code', LINT, async () => {
    // The bundled spec's entries are data files with no types to check (node10 resolves no
    // `exports` subpath at all).
    const { code, report } = await lint('attw', [
      inject('tarball'),
      '--format',
      'table-flipped',
      '--exclude-entrypoints',
      './openapi.json',
      './openapi.yaml',
    ]);
    expect(code, report).toBe(0);
    expect(report).toContain('pachca-sdk/msw');
  });
});
