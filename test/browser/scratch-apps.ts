// One scratch app per bundler, built the way a frontend developer would first try the package:
// the page code of test/browser/app/ importing `pachca-sdk` from node_modules (installed from the
// packed tarball), and each bundler run with its defaults — entry and output only, plus for
// Rollup the documented browser resolver, `nodeResolve({ browser: true })`. No aliases,
// externals, polyfills or defines: whatever the package needs to work in a browser, it must
// bring itself. The bundlers are the project's devDependencies, run from its node_modules.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/spec.js';

const APP_CODE = join(ROOT, 'test/browser/app');
const BUILD_TIMEOUT_MS = 50_000;

/** The page every app serves: the results element the page code fills, then its script. */
export const pageHtml = (bundler: string, script: string) =>
  `<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>pachca-sdk with ${bundler}</title>\n<pre id="results"></pre>\n<script type="module" src="${script}"></script>\n`;

interface Bundler {
  bin: string;
  args: string[];
  /** Vite builds from an index.html at the app's root; the others get one written into dist/. */
  htmlAtRoot?: boolean;
}

export const BUNDLERS = {
  esbuild: { bin: 'esbuild', args: ['src/main.js', '--bundle', '--outdir=dist'] },
  // `production` is webpack's default mode; naming it only silences the "mode not set" warning.
  webpack: { bin: 'webpack', args: ['--entry', './src/main.js', '--output-path', './dist', '--mode', 'production'] },
  vite: { bin: 'vite', args: ['build'], htmlAtRoot: true },
  rollup: { bin: 'rollup', args: ['src/main.js', '--dir', 'dist', '--plugin', 'node-resolve={browser: true}'] },
} satisfies Record<string, Bundler>;

export type BundlerName = keyof typeof BUNDLERS;

export interface AppBuild {
  bundler: BundlerName;
  /** The built site: index.html and the bundle. */
  dist: string;
  code: number | null;
  /** Everything the bundler printed, stdout and stderr. */
  output: string;
}

/** Lays out `<project>/<bundler>/` with the page code, builds it and writes the page into dist/. */
export async function buildApp(project: string, bundler: BundlerName): Promise<AppBuild> {
  const { bin, args, htmlAtRoot } = BUNDLERS[bundler] as Bundler;
  const dir = join(project, bundler);
  cpSync(APP_CODE, join(dir, 'src'), { recursive: true });
  if (htmlAtRoot) writeFileSync(join(dir, 'index.html'), pageHtml(bundler, '/src/main.js'));

  const child = spawn(join(ROOT, 'node_modules/.bin', bin), args, {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output += String(error);
      resolve(null);
    });
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));

  const dist = join(dir, 'dist');
  if (code === 0 && !htmlAtRoot) {
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), pageHtml(bundler, './main.js'));
  }
  return { bundler, dist, code, output };
}
