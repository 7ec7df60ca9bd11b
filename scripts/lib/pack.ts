// `npm pack` of the current dist/, and whether dist/ is older than the sources it is built from.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './spec.js';

const execFileAsync = promisify(execFile);

export interface PackedFile {
  path: string;
  mode: number;
}

/** Packs the package into `destination` without running prepack (build first); returns the tarball path and its files. */
export async function pack(destination: string): Promise<{ tarball: string; files: PackedFile[] }> {
  const { stdout } = await execFileAsync(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    {
      cwd: ROOT,
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  const [info] = JSON.parse(stdout) as [{ filename: string; files: PackedFile[] }];
  return { tarball: join(destination, info.filename), files: info.files };
}

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when a source of the build changed after dist/index.js, cli.js and msw.js were written (or one is missing). */
export function distIsStale(): boolean {
  try {
    const built = Math.min(
      ...['dist/index.js', 'dist/cli.js', 'dist/msw.js', 'dist/spec/openapi.json'].map(
        (file) => statSync(join(ROOT, file)).mtimeMs,
      ),
    );
    const inputs = [
      'src',
      'generated',
      'openapi',
      'scripts/build.ts',
      'scripts/lib/browser-variants.ts',
      'scripts/lib/third-party-licenses.ts',
    ];
    const sources = Math.max(...inputs.map((path) => newestMtime(join(ROOT, path))));
    return sources > built;
  } catch {
    return true;
  }
}
