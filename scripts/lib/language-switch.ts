// Each docs page names its language and links to the others (and to its bundled spec) from a slim
// bar above Scalar's reference. The bar is plain HTML outside Scalar's root, not Markdown in the
// spec: it shows on every route, needs no network and leaves the published spec alone. Clicking a
// language keeps the open operation: the hash (`#tag/users/POST/users`) is the same in every
// language because the tags' names and the paths are.
import { type DocsLanguage, fromPage, relativePage } from './docs-languages.js';

const HTML_TAG = /<html lang="[^"]*">/;
const BAR_HEIGHT = '36px';

// Scalar lays its sidebar and sticky headers out from the top of the window; --scalar-custom-header-height
// moves them below the bar. The colours are Scalar's theme ones, so the bar follows light and dark mode.
const STYLE = `
  :root { --scalar-custom-header-height: ${BAR_HEIGHT}; }
  html { scroll-padding-top: ${BAR_HEIGHT}; }
  body { padding-top: ${BAR_HEIGHT}; }
  .docs-languages { position: fixed; top: 0; left: 0; right: 0; z-index: 1000; height: ${BAR_HEIGHT};
    box-sizing: border-box; display: flex; align-items: center; justify-content: flex-end; gap: 16px;
    padding: 0 24px; background: var(--scalar-background-1, #fff);
    border-bottom: 1px solid var(--scalar-border-color, #e4e7eb);
    font: 14px/20px var(--scalar-font, system-ui, sans-serif); }
  .docs-languages a { color: var(--scalar-color-accent, #3254d1); text-decoration: none; }
  .docs-languages a:hover, .docs-languages a:focus-visible { text-decoration: underline; }
  .docs-languages .docs-spec { margin-right: auto; color: var(--scalar-color-2, #555); }`;

// Set on click rather than once: Scalar moves between operations with history.replaceState, no hashchange.
const KEEP_HASH = `
  for (const link of document.querySelectorAll('.docs-languages a[data-page]')) {
    const keepHash = () => { link.href = link.dataset.page + location.hash; };
    link.addEventListener('click', keepHash);
    link.addEventListener('auxclick', keepHash);
  }`;

/** `html` (a built page of `page`'s language) marked with its language and linking to `others`. */
export function withLanguageSwitch(html: string, page: DocsLanguage, others: readonly DocsLanguage[]): string {
  const links = others
    .map((other) => {
      const href = relativePage(page, other);
      return `<a href="${href}" data-page="${href}" hreflang="${other.code}" lang="${other.code}">${other.name}</a>`;
    })
    .join('\n    ');
  const spec = ['yaml', 'json']
    .map((ext) => `<a href="${fromPage(page, `${page.bundle}.${ext}`)}" download>${page.bundle}.${ext}</a>`)
    .join(' · ');
  const nav = `<nav class="docs-languages">\n    <span class="docs-spec">OpenAPI: ${spec}</span>\n    ${links}\n  </nav>`;
  if (!HTML_TAG.test(html)) throw new Error('the built page has no <html lang> to set');
  const withLang = html.replace(HTML_TAG, `<html lang="${page.code}">`);
  const body = withLang.indexOf('<body', withLang.indexOf('</head>'));
  if (body === -1) throw new Error('the built page has no <body> to add the language links to');
  const at = withLang.indexOf('>', body) + 1;
  const added = `\n  ${nav}\n  <style>${STYLE}\n  </style>\n  <script>${KEEP_HASH}\n  </script>`;
  return withLang.slice(0, at) + added + withLang.slice(at);
}
