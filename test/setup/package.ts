// Vitest global setup: the package built (when a source changed since the last build) and packed
// once per run, exactly as npm would publish it; under `npm test`, the project's typecheck too. Every package test (lint, install, bundlers) uses
// this one tarball, and the CLI tests spawn its bin, dist/cli.js: the single file a user installs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPackage, DIST, declarationProgram, typeErrors } from '../../scripts/build.js';
import { distIsStale, pack, type PackedFile } from '../../scripts/lib/pack.js';
import { TYPECHECK_REPORT_ENV } from '../../scripts/lib/typecheck-report.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `npm pack` tarball of this run's build. */
    tarball: string;
    /** What the tarball holds, as `npm pack --json` lists it. */
    packedFiles: PackedFile[];
    /** The built `pachca` bin (dist/cli.js), run with `node`. */
    cliPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const report = process.env[TYPECHECK_REPORT_ENV];
  const program = report ? declarationProgram('project') : undefined;
  if (report && program) writeFileSync(report, typeErrors(program));
  if (distIsStale()) await buildPackage({ program });
  const dir = mkdtempSync(join(tmpdir(), 'pachca-pack-'));
  const { tarball, files } = await pack(dir);
  project.provide('tarball', tarball);
  project.provide('packedFiles', files);
  project.provide('cliPath', join(DIST, 'cli.js'));
  return () => rmSync(dir, { recursive: true, force: true });
}
