// Each docs page names its language and links to the others from a slim navbar above Redoc. The
// link is plain HTML before Redoc's root, not Markdown in the spec: it shows on every route (Redoc
// 3 shows info.description only on the overview, and scrolls a deep-linked operation to the top),
// needs no network and leaves the published spec alone. Clicking it keeps the open operation: the
// hash (`#/users/createuser`) is the same in every language because the tags' names are.
import { type DocsLanguage, relativePage } from './docs-languages.js';

const HTML_TAG = /<html lang="[^"]*">/;
const BAR_HEIGHT = '36px';

// Redoc 3 lays its page out below a navbar of height --navbar-stack-height: the sidebar, the
// sticky sample panels and the scroll to an opened operation all start under it. Its layout sets
// the height to 0 in an inline style, which an !important rule outranks. The colours are Redoc's
// navbar ones, so the bar follows its light and dark modes.
const STYLE = `
  #redoc [style*="--navbar-stack-height"] { --navbar-height: ${BAR_HEIGHT} !important;
    --navbar-stack-height: ${BAR_HEIGHT} !important; }
  html { scroll-padding-top: ${BAR_HEIGHT}; }
  body { padding-top: ${BAR_HEIGHT}; }
  .docs-languages { position: fixed; top: 0; left: 0; right: 0; z-index: 1000; height: ${BAR_HEIGHT};
    box-sizing: border-box; display: flex; align-items: center; justify-content: flex-end; gap: 16px;
    padding: 0 24px; background: var(--navbar-bg-color, #fff);
    border-bottom: 1px solid var(--navbar-border-color, #e4e7eb);
    font: 14px/20px var(--font-family-base, system-ui, sans-serif); }
  .docs-languages a { color: var(--link-color-primary, #3254d1); text-decoration: none; }
  .docs-languages a:hover, .docs-languages a:focus-visible { text-decoration: underline; }`;

// Set on click rather than once: Redoc moves between operations without a hashchange event.
const KEEP_HASH = `
  for (const link of document.querySelectorAll('.docs-languages a')) {
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
  const nav = `<nav class="docs-languages">\n    ${links}\n  </nav>`;
  if (!HTML_TAG.test(html)) throw new Error('the built page has no <html lang> to set');
  const withLang = html.replace(HTML_TAG, `<html lang="${page.code}">`);
  // The page's own <body> follows its <head>; Redoc's inline scripts hold the string too, later on.
  const body = withLang.indexOf('<body', withLang.indexOf('</head>'));
  if (body === -1) throw new Error('the built page has no <body> to add the language links to');
  const at = withLang.indexOf('>', body) + 1;
  const added = `\n  ${nav}\n  <style>${STYLE}\n  </style>\n  <script>${KEEP_HASH}\n  </script>`;
  return withLang.slice(0, at) + added + withLang.slice(at);
}
