// The Russian docs are the English spec with openapi/overlays/ru.yaml applied. These checks keep the
// two in step: a new or renamed field of the spec fails here until its Russian text is written, and
// the overlay can change nothing but prose.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { DOCS_LANGUAGES } from '../../scripts/lib/docs-languages.js';
import { runNode } from '../../scripts/lib/processes.js';
import { bundleSpec, REDOCLY_BIN, ROOT, type Spec } from '../../scripts/lib/spec.js';
import { type Overlay, unmatchedTargets } from './overlay-targets.js';
import {
  atPointer,
  isRussian,
  PROSE_EXAMPLE_KEYS,
  toJsonPath,
  translatableFields,
  withoutFields,
} from './translatable-fields.js';

const OVERLAY = join(ROOT, DOCS_LANGUAGES.find((language) => language.code === 'ru')?.overlay ?? 'missing');
const overlay = parse(readFileSync(OVERLAY, 'utf8')) as Overlay;
/**
 * What an action may set: the prose the docs show, never a key or a schema. Example values may
 * change only where they are prose (`PROSE_EXAMPLE_KEYS`); the bundle test below checks that
 * nothing else differs.
 */
const PROSE_KEYS = ['title', 'summary', 'description', 'x-displayName', 'example', ...PROSE_EXAMPLE_KEYS];

/** Redocly's problems with a file, linted with the repository's redocly.yaml; a failed run is one problem. */
async function redoclyLint(file: string): Promise<string[]> {
  const { status, output } = await runNode([REDOCLY_BIN, 'lint', file, '--format', 'json']);
  // The pretty-printed report is the one object whose braces start a line; Redocly's notices
  // (stderr, in the same output) come around it.
  const report = output.match(/^\{[\s\S]*?^\}/m)?.[0] ?? '';
  try {
    const { problems } = JSON.parse(report) as { problems: { ruleId: string; message: string }[] };
    const found = problems.map((p) => `${p.ruleId}: ${p.message}`);
    return status === 0 || found.length ? found : [`redocly lint exited ${status}:\n${output}`];
  } catch {
    return [`redocly lint printed no report (exit ${status}):\n${output}`];
  }
}

const english = inject('bundledSpec');
let russian: Spec;

beforeAll(() => {
  russian = bundleSpec({ overlays: [OVERLAY] });
});

describe('the Russian overlay', () => {
  it('is a valid OpenAPI Overlay 1.0 document (Redocly lints it)', async () => {
    expect(overlay.overlay).toBe('1.0.0');
    expect(await redoclyLint(OVERLAY)).toEqual([]);
  });

  it('only updates prose: titles, summaries, descriptions, tag display names and prose example values', () => {
    const other = overlay.actions.flatMap(({ target, update, remove }) => {
      if (remove || typeof update !== 'object' || update === null) return [`${target}: not an update of an object`];
      return Object.keys(update)
        .filter((key) => !PROSE_KEYS.includes(key))
        .map((key) => `${target}: ${key}`);
    });
    expect(other).toEqual([]);
  });

  it('has no action whose target matches nothing in the bundled spec', () => {
    // A target that cannot match rides along, so a probe that matched everything would fail.
    const nowhere = "$.paths['/no-such-path'].get";
    const unmatched = unmatchedTargets({ ...overlay, actions: [...overlay.actions, { target: nowhere, update: {} }] });
    expect(unmatched).toEqual([nowhere]);
  });
});

describe('the Russian bundle', () => {
  it('has Russian text for every human-readable field of the English bundle', () => {
    const fields = translatableFields(english);
    expect(fields.filter((field) => isRussian(field.english))).toEqual([]); // the measure tells the two apart
    const untranslated = fields.filter((field) => !isRussian(atPointer(russian, field.pointer)));
    const examples = fields.filter(
      (field) => /\/(example|value)\//.test(`${field.pointer}/`) && !field.pointer.endsWith('/summary'),
    );
    console.log(
      `ru coverage: ${fields.length - untranslated.length}/${fields.length} fields, ${examples.length} of them example values`,
    );
    expect(examples.length).toBeGreaterThan(0); // the gate counts example values too
    // Each line names the overlay target to add (or fix) in openapi/overlays/ru.yaml.
    expect(untranslated.map((field) => `${toJsonPath(english, field.pointer)}: ${field.english}`)).toEqual([]);
  });

  it('differs from the English bundle in its prose only', () => {
    const prose = translatableFields(english);
    expect(withoutFields(russian, prose)).toEqual(withoutFields(english, prose));
  });

  it('lints clean with the spec rules (recommended-strict), as the English one does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pachca-ru-bundle-'));
    try {
      const file = join(dir, 'openapi.ru.json');
      writeFileSync(file, JSON.stringify(russian));
      expect(await redoclyLint(file)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
