// Which actions of an OpenAPI Overlay select nothing. Redocly applies an action whose target
// matches nothing without a word, so a renamed field would silently lose its translation. The
// check asks Redocly itself, so it reads JSONPath exactly as the real bundle does: a probe overlay
// with the same targets tags each node it reaches with the numbers of the actions that reached it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { bundleSpec, type Operation } from '../../scripts/lib/spec.js';

export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
}

export interface Overlay {
  overlay: string;
  info: { title: string; version: string };
  actions: OverlayAction[];
}

const PROBE = 'x-overlay-probe';

/** The targets of `overlay`'s actions that select no node of the bundled spec, in action order. */
export function unmatchedTargets(overlay: Overlay): string[] {
  const probe: Overlay = {
    ...overlay,
    // Arrays are concatenated when two actions reach one node, so every action number survives.
    actions: overlay.actions.map(({ target }, i) => ({ target, update: { [PROBE]: [i] } })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'pachca-overlay-probe-'));
  try {
    const file = join(dir, 'probe.yaml');
    writeFileSync(file, stringify(probe));
    const reached = new Set(probeMarks(bundleSpec({ overlays: [file] })));
    return overlay.actions.filter((_, i) => !reached.has(i)).map((action) => action.target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function probeMarks(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(probeMarks);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === PROBE ? (value as number[]) : probeMarks(value)));
}

/**
 * The operationIds of `ops` whose summary the overlay translates. One it does not translate yet
 * is for the translation gate (test/docs/ru-overlay.test.ts) to name, not for the docs page.
 */
export function translatedSummaries(overlay: Overlay, ops: Operation[]): Set<string> {
  const targets = new Set(
    overlay.actions
      .filter((action) => (action.update as { summary?: unknown } | undefined)?.summary)
      .map((action) => action.target),
  );
  return new Set(ops.filter((op) => targets.has(`$.paths['${op.path}'].${op.method}`)).map((op) => op.operationId));
}
