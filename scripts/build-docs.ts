// `npm run build:docs`: the published artefacts of the spec, all in dist/:
//   dist/openapi.yaml, dist/openapi.json  the bundled spec (one file, with x-codeSamples)
//   dist/docs/index.html                  Redoc page with every script and style inline (works offline)
// Each file is written beside its target and renamed into place, so a reader (or a second build
// running at the same time) never sees half a file.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { SAMPLE_LANGUAGES, withCodeSamples } from './lib/code-samples.js';
import { externalResources, makeSelfContained } from './lib/offline-html.js';
import { runNode } from './lib/processes.js';
import { dereference } from './lib/dereference.js';
import { listOperations, REDOCLY_BIN, ROOT, SPEC_ROOT, type Spec } from './lib/spec.js';

export const DIST = join(ROOT, 'dist');

/** Redoc settings for the page: our sample tabs (SDK first) and download links to the spec beside it. */
const REDOC_CONFIG = {
  telemetry: 'off',
  openapi: {
    codeSamples: { languages: SAMPLE_LANGUAGES },
    downloadUrls: [
      { title: 'openapi.yaml', url: '../openapi.yaml' },
      { title: 'openapi.json', url: '../openapi.json' },
    ],
  },
};

export interface DocsBuild {
  html: string;
  yaml: string;
  json: string;
  operations: number;
}

export async function buildDocs({
  dist = DIST,
  signal,
}: {
  dist?: string;
  signal?: AbortSignal;
} = {}): Promise<DocsBuild> {
  mkdirSync(join(dist, 'docs'), { recursive: true });
  const staging = mkdtempSync(join(dist, '.build-'));
  try {
    const stagedJson = join(staging, 'openapi.json');
    await redocly(['bundle', SPEC_ROOT, '--ext', 'json', '-o', stagedJson], signal);
    const bundled = JSON.parse(readFileSync(stagedJson, 'utf8')) as Spec;
    const operations = listOperations(dereference(bundled));
    const spec = withCodeSamples(bundled, operations);

    writeFileSync(stagedJson, `${JSON.stringify(spec, null, 2)}\n`);
    writeFileSync(join(staging, 'openapi.yaml'), stringify(spec, { lineWidth: 0 }));
    const config = join(staging, 'redocly.yaml');
    writeFileSync(config, stringify(REDOC_CONFIG));
    const stagedHtml = join(staging, 'index.html');
    await redocly(['build-docs', stagedJson, '--inlineBundle', '--config', config, '-o', stagedHtml], signal);

    const html = makeSelfContained(readFileSync(stagedHtml, 'utf8'));
    const remote = externalResources(html);
    if (remote.length) throw new Error(`the docs would load from the network: ${remote.join(', ')}`);
    writeFileSync(stagedHtml, html);

    const built = {
      html: join(dist, 'docs/index.html'),
      yaml: join(dist, 'openapi.yaml'),
      json: join(dist, 'openapi.json'),
    };
    renameSync(stagedHtml, built.html);
    renameSync(join(staging, 'openapi.yaml'), built.yaml);
    renameSync(stagedJson, built.json);
    return { ...built, operations: operations.length };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs a Node script quietly; its output is shown only when it fails. */
/** Runs a Redocly command; its output is shown only when it fails. */
async function redocly(args: string[], signal?: AbortSignal): Promise<void> {
  const { status, output } = await runNode([REDOCLY_BIN, ...args], { signal });
  if (status !== 0) throw new Error(`redocly ${args[0]} failed (exit ${status}):\n${output.trim()}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = Date.now();
    const build = await buildDocs();
    const size = (statSync(build.html).size / 1024 / 1024).toFixed(1);
    console.log(`API docs for ${build.operations} operations built in ${Date.now() - started} ms:`);
    for (const file of [build.html, build.yaml, build.json]) console.log(`  ${relative(ROOT, file)}`);
    console.log(`Open ${relative(ROOT, build.html)} (${size} MB, works offline) or run \`npm start\` to serve it.`);
  } catch (error) {
    console.error(`build:docs: ${(error as Error).message}`);
    process.exit(1);
  }
}
