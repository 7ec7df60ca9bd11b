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
