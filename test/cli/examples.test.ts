// The example in each command's --help (also the docs' CLI code sample) must run: each one is fed
// to the CLI in-process with --dry-run, and the request it would send must be the operation's,
// with the spec's request-body example as its body.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { specOperations } from '../support/spec.js';
import { runInProcess, tempDir } from './run-cli.js';

/** Splits a shell line into words: '…', "…" with backslash escapes, and `\` line continuations. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const source = text.replace(/\\\n/g, ' ');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      word = (word ?? '') + source.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; source[i] !== '"'; i++) word += source[i] === '\\' ? source[++i] : source[i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Every command line of an example (comments and blank lines dropped). */
const commandLines = (example: string) =>
  example
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));

/** The sample omits false and null values (the CLI's defaults). */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== false && v !== null)
      .map(([k, v]) => [k, withoutDefaults(v)]),
  );
}

describe('the example of every command', () => {
  const operations = new Map(specOperations().map((op) => [op.operationId, op]));
  const image = join(tempDir(), 'avatar.png');
  writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  for (const spec of cliCommands) {
    it(`pachca ${spec.words.join(' ')}`, async () => {
      const op = operations.get(spec.operationId)!;
      for (const line of commandLines(spec.example)) {
        const words = shellWords(line).map((w) => w.replace('./avatar.png', image));
        expect(words[0]).toBe('pachca');
        const run = await runInProcess([...words.slice(1), '--base-url', 'http://api.test', '--dry-run', '-o', 'json'], {
          env: { PACHCA_TOKEN: 'example-token-0123456789abcdef' },
        });
        expect(run.code, `${line} exited with ${run.code}: ${run.stderr}`).toBe(0);
        const request = run.json();
        expect(request.method).toBe(spec.method);
        const path = new URL(request.url).pathname;
        expect(path).toMatch(new RegExp(`^${spec.path.replace(/\{\w+\}/g, '\\d+')}$`));
        const example = op.requestBody?.content['application/json'] as { examples?: Record<string, { value: unknown }> } | undefined;
        if (example?.examples) expect(request.body).toEqual(withoutDefaults(Object.values(example.examples)[0]!.value));
        if (spec.file) expect(request.body.image).toMatchObject({ filename: 'avatar.png', type: 'image/png' });
      }
    });
  }
});
