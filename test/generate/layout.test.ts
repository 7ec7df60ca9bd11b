// The files of generated/ are laid out for small diffs: a line holds one entry of a table (or one
// short object), so a one-field change to the spec changes a line or two. The only lines past the
// code base's 120 columns are one long string (prose from the spec) or a comment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';

const DIR = join(ROOT, 'generated');
const MAX = 120;
/** `key: 'text',` or a JSDoc/line comment: prose that has no shorter layout. */
const PROSE = /^\s*(?:[\w$]+: '(?:[^'\\]|\\.)*',?|\*.*|\/\/.*|\/\*\*.*\*\/)$/;

describe('generated/ layout', () => {
  it.each(readdirSync(DIR))('%s keeps to 120 columns but for lines of prose', (file) => {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
    const long = lines.filter((line) => [...line].length > MAX && !PROSE.test(line));
    expect(long).toEqual([]);
    expect(lines.length).toBeGreaterThan(1);
  });
});
