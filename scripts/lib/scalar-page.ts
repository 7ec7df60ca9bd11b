// A docs page: Scalar's API reference (@scalar/api-reference, its standalone browser bundle served
// beside the page) rendering one language's bundle, with a request console on every operation.
// The page loads nothing from another host: no fonts, no telemetry, no request proxy, no AI agent,
// no developer toolbar ("Generate SDK", "Deploy API"). The bundle is inlined in the page, so a
// deep link renders without a second request and the page also works opened from disk.
import { join } from 'node:path';
import type { DocsLanguage } from './docs-languages.js';
import { ROOT, type Spec } from './spec.js';

/** Scalar's self-contained browser build: one script, styles included, no chunks to fetch. */
export const SCALAR_STANDALONE = join(ROOT, 'node_modules/@scalar/api-reference/dist/browser/standalone.js');
/** Where the script is published in dist/, shared by every language's page. */
export const SCALAR_SCRIPT = 'docs/assets/scalar-api-reference.js';

/** The bearer token the console prefills when `npm start` serves the page beside its emulator. */
export const LOCAL_TOKEN = 'test-token';

/**
 * What `npm start` tells a page it serves (scripts/lib/static-server.ts injects it as
 * `window.pachcaDocs`): the emulator running beside it, preselected with its token. A page with
 * none (a static build, published) lists the spec's servers and prefills no token.
 */
export interface LocalConsole {
  serverUrl: string;
  token: string;
}

/** The one client Scalar generates itself: curl, which follows the selected server and token. */
const HIDDEN_CLIENTS = Object.fromEntries(
  [
    'c',
    'clojure',
    'csharp',
    'dart',
    'fsharp',
    'go',
    'http',
    'java',
    'js',
    'julia',
    'kotlin',
    'node',
    'objc',
    'ocaml',
    'php',
    'powershell',
    'python',
    'r',
    'ruby',
    'rust',
    'swift',
  ].map((target) => [target, true]),
);

// Every line of a sample or an example shows whole at the default width: long lines wrap instead
// of scrolling out of the panel.
// Scalar sizes a block's <pre> to its longest line (w-fit, whitespace-pre) inside a scrolling box.
// Its line-numbered blocks set whitespace-pre on each .line too.
const WRAP_CODE = `.scalar-code-block pre { width: auto !important; }
  .scalar-code-block pre, .scalar-code-block pre * { white-space: pre-wrap !important; text-wrap: wrap !important;
    overflow-wrap: anywhere; }`;

/** Scalar's configuration for a page: everything a reader does not need from the network is off. */
export const scalarConfig = (language: DocsLanguage) => ({
  localization: { locale: language.code },
  withDefaultFonts: false,
  telemetry: false,
  // Requests go straight from the browser to the selected server; the emulator answers CORS.
  proxyUrl: '',
  showDeveloperTools: 'never',
  agent: { disabled: true },
  hideClientButton: false,
  hideDarkModeToggle: false,
  documentDownloadType: 'none',
  // Our samples (x-codeSamples: the SDK first, then the CLI) lead; Scalar picks the first by default.
  hiddenClients: { ...HIDDEN_CLIENTS, shell: ['httpie', 'wget'] },
  orderSchemaPropertiesBy: 'preserve',
  orderRequiredPropertiesFirst: false,
  defaultOpenAllTags: true,
  persistAuth: false,
  // Scalar's own services, which nothing here calls: blank rather than their hosted defaults.
  externalUrls: { dashboardUrl: '', registryUrl: '', proxyUrl: '', apiBaseUrl: '' },
});

/** The <script> `npm start` adds to the pages it serves, naming the emulator beside them and its token. */
export const localConsoleScript = (local: LocalConsole) => `<script>window.pachcaDocs = ${scriptJson(local)};</script>`;

/** `<`, `>` and `&` escaped so a JSON value can sit inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The page's own script: Scalar's config, with the emulator `npm start` runs beside it first among
 * the servers (so the console sends there) and its token prefilled.
 */
const BOOT = `
  const { spec, config } = JSON.parse(document.getElementById('pachca-docs').textContent);
  const local = window.pachcaDocs;
  if (local) {
    const others = spec.servers.filter((server) => server.url !== local.serverUrl);
    const emulator = spec.servers.find((server) => server.url === local.serverUrl) ??
      { url: local.serverUrl, description: 'npm start' };
    config.servers = [emulator, ...others];
    config.authentication = {
      preferredSecurityScheme: 'bearerAuth',
      securitySchemes: { bearerAuth: { token: local.token } },
    };
  }
  Scalar.createApiReference('#app', { ...config, content: spec });`;

/** The HTML of `language`'s page, which shows `spec` and loads Scalar from `scriptUrl`. */
export function scalarPage(language: DocsLanguage, spec: Spec, scriptUrl: string, head = ''): string {
  const title = String(spec.info.title ?? '');
  return `<!doctype html>
<html lang="${language.code}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <style>${WRAP_CODE}</style>${head}
</head>
<body>
  <div id="app"></div>
  <script id="pachca-docs" type="application/json">${scriptJson({ spec, config: scalarConfig(language) })}</script>
  <script src="${scriptUrl}"></script>
  <script>${BOOT}
  </script>
</body>
</html>
`;
}
