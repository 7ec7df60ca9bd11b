// `npm run build:docs`: the published artefacts of the spec, all in dist/, in every docs language
// (scripts/lib/docs-languages.ts):
//   dist/openapi.yaml, dist/openapi.json        the bundled spec (one file, with x-codeSamples)
//   dist/docs/index.html                        Scalar API reference with a request console (works offline)
//   dist/openapi.ru.yaml, dist/openapi.ru.json  the same bundle with the Russian overlay applied
//   dist/docs/ru/index.html                     its page, in Russian
//   dist/docs/assets/scalar-api-reference.js    Scalar's standalone bundle, shared by the pages
// Each file is written beside its target and renamed into place once every language has built, so
// a reader (or a second build running at the same time) never sees half a file or a mix of builds.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { pageSpec, withCodeSamples } from './lib/code-samples.js';
import { DOCS_LANGUAGES, type DocsLanguage, pagePath } from './lib/docs-languages.js';
import { withLanguageSwitch } from './lib/language-switch.js';
import { externalResources } from './lib/offline-html.js';
import { runNode } from './lib/processes.js';
import { dereference } from './lib/dereference.js';
import { SCALAR_SCRIPT, SCALAR_STANDALONE, scalarPage } from './lib/scalar-page.js';
import { listOperations, REDOCLY_BIN, ROOT, SPEC_ROOT, type Spec } from './lib/spec.js';

export const DIST = join(ROOT, 'dist');

/** The files of one language, at their place in dist/. */
export interface DocsPage {
  language: DocsLanguage;
  html: string;
  yaml: string;
  json: string;
}

export interface DocsBuild {
  pages: DocsPage[];
  /** Scalar's script, shared by the pages. */
  script: string;
  operations: number;
}

/** Where a language's files go in `dist`. */
export const docsFiles = (language: DocsLanguage, dist = DIST): DocsPage => ({
  language,
  html: join(dist, pagePath(language), 'index.html'),
  yaml: join(dist, `${language.bundle}.yaml`),
  json: join(dist, `${language.bundle}.json`),
});

export async function buildDocs({
  dist = DIST,
  signal,
}: {
  dist?: string;
  signal?: AbortSignal;
} = {}): Promise<DocsBuild> {
  mkdirSync(dist, { recursive: true });
  const staging = mkdtempSync(join(dist, '.build-'));
  try {
    // Side by side: each language is a Redocly run that mostly waits on one core.
    const staged = await Promise.all(
      DOCS_LANGUAGES.map((language) => stageLanguage(language, join(staging, language.code), signal)),
    );
    const script = join(dist, SCALAR_SCRIPT);
    mkdirSync(dirname(script), { recursive: true });
    copyFileSync(SCALAR_STANDALONE, join(staging, 'scalar.js'));
    renameSync(join(staging, 'scalar.js'), script);
    const pages = staged.map(({ files }) => {
      const built = docsFiles(files.language, dist);
      mkdirSync(dirname(built.html), { recursive: true });
      renameSync(files.html, built.html);
      renameSync(files.yaml, built.yaml);
      renameSync(files.json, built.json);
      return built;
    });
    // Every language documents the same operations: an overlay only changes prose.
    return { pages, script, operations: Math.max(...staged.map((s) => s.operations)) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Bundles the spec in `language` (its overlay applied), adds the code samples and writes its page, all in `dir`. */
async function stageLanguage(
  language: DocsLanguage,
  dir: string,
  signal?: AbortSignal,
): Promise<{ files: DocsPage; operations: number }> {
  mkdirSync(dir);
  const files = {
    language,
    html: join(dir, 'index.html'),
    yaml: join(dir, 'openapi.yaml'),
    json: join(dir, 'openapi.json'),
  };
  const overlay = language.overlay ? ['--overlay', join(ROOT, language.overlay)] : [];
  await redocly(['bundle', SPEC_ROOT, ...overlay, '--ext', 'json', '-o', files.json], signal);
  const bundled = JSON.parse(readFileSync(files.json, 'utf8')) as Spec;
  const operations = listOperations(dereference(bundled));
  const spec = withCodeSamples(bundled, operations, language.code);

  writeFileSync(files.json, `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(files.yaml, stringify(spec, { lineWidth: 0 }));

  const others = DOCS_LANGUAGES.filter((other) => other !== language);
  const script = posix.relative(pagePath(language), SCALAR_SCRIPT);
  const html = withLanguageSwitch(scalarPage(language, pageSpec(spec), script), language, others);
  const remote = externalResources(html);
  if (remote.length) throw new Error(`the ${language.name} docs would load from the network: ${remote.join(', ')}`);
  writeFileSync(files.html, html);
  return { files, operations: operations.length };
}

/** Runs a Redocly command; its output is shown only when it fails. */
async function redocly(args: string[], signal?: AbortSignal): Promise<void> {
  const { status, output } = await runNode([REDOCLY_BIN, ...args], { signal });
  if (status !== 0) throw new Error(`redocly ${args[0]} failed (exit ${status}):\n${output.trim()}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = Date.now();
    const build = await buildDocs();
    console.log(`API docs for ${build.operations} operations built in ${Date.now() - started} ms:`);
    const mb = (file: string) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`;
    console.log(`  Scalar: ${relative(ROOT, build.script)} (${mb(build.script)}, shared by the pages)`);
    for (const page of build.pages) {
      console.log(`  ${page.language.name}: ${relative(ROOT, page.html)} (${mb(page.html)}, works offline)`);
      for (const file of [page.yaml, page.json]) console.log(`    ${relative(ROOT, file)}`);
    }
    console.log('Open a page in a browser, or run `npm start` to serve them.');
  } catch (error) {
    console.error(`build:docs: ${(error as Error).message}`);
    process.exit(1);
  }
}
