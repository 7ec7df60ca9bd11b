// The docs must open with no network: no script, stylesheet, font, image or frame may be loaded
// from another host. Plain links (<a href>) are fine: they are only followed when clicked.

const REMOTE = String.raw`(?:https?:)?//[^"'\s>)]+`;
const LOADING_TAG = /<(?:script|link|img|iframe|source|video|audio|embed|object|image|use)\b[^>]*>/gi;
const LOADING_ATTR = new RegExp(String.raw`\b(?:src|href|srcset|data|xlink:href)\s*=\s*["']?\s*(${REMOTE})`, 'gi');
const CSS_URL = new RegExp(String.raw`url\(\s*["']?(${REMOTE})`, 'gi');
const CSS_IMPORT = new RegExp(String.raw`@import\s+["'](${REMOTE})`, 'gi');

/** Every remote URL the page would load by itself, in order of appearance. */
export function externalResources(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(LOADING_TAG)) {
    for (const match of tag.matchAll(LOADING_ATTR)) found.push(match[1]!);
  }
  for (const pattern of [CSS_URL, CSS_IMPORT]) {
    for (const match of html.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

// Redoc's "API docs by Redocly" badge loads its logo from cdn.redoc.ly when the page runs. The
// same badge with an inline logo keeps the attribution and the page offline. If a Redoc update
// changes these URLs, the browser test (network blocked) reports the failed load.
const REDOC_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#5b5b5b">Redocly</text></svg>',
)}`;

/** The built page made self-contained: inline Redoc logo, and no favicon request. */
export function makeSelfContained(html: string): string {
  let page = html;
  for (const logo of REDOC_LOGOS) page = page.replaceAll(logo, INLINE_LOGO);
  return page.replace('<head>', '<head>\n  <link rel="icon" href="data:,">');
}
