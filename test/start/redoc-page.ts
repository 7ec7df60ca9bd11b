// A Redoc 3 page as a reader meets it, driven by Playwright: Redoc routes by hash, renders each
// operation's title as an h2, and scrolls the operation a route names to the top of the window.
import type { Page } from 'playwright-core';
import type { Operation } from '../../scripts/lib/spec.js';

/** Redoc's anchor of a tag: its name, lower case, spaces as dashes (`Group tags` → `group-tags`). */
export const tagSlug = (tag: string) => tag.toLowerCase().replace(/\s+/g, '-');

/** The hash Redoc routes an operation to: `#/users/createuser`. */
export const operationHash = (op: Operation) => `#/${tagSlug(op.tags[0] ?? '')}/${op.operationId.toLowerCase()}`;

/**
 * Where the heading titled `title` (an operation's or a tag's h2) is, once it is in the upper half
 * of the window and, when `code` is given, a code block on the page shows it (the sample tab).
 */
export async function headingInView(page: Page, title: string, code?: string): Promise<{ top: number }> {
  const handle = await page.waitForFunction(
    ([text, sample]) => {
      const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent?.trim() === text);
      const box = heading?.getBoundingClientRect();
      if (!box || box.height === 0 || box.top < 0 || box.top > innerHeight / 2) return false;
      const blocks = sample === undefined ? [] : [...document.querySelectorAll('pre, code')];
      if (sample !== undefined && !blocks.some((block) => block.textContent?.includes(sample))) return false;
      return { top: box.top };
    },
    [title, code] as const,
  );
  return (await handle.jsonValue()) as { top: number };
}

/** Routes the open page to `hash` the way a click in Redoc's sidebar does, without a reload. */
export async function goToHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    location.hash = to;
  }, hash);
}

/** Collects what went wrong on a page from now on: console errors, uncaught exceptions, failed loads. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed load: ${request.url()} (${request.failure()?.errorText})`),
  );
  return problems;
}

/** How much of the page a reader sees: its visible text and the size of its main heading. */
export async function visibleContent(page: Page): Promise<{ textLength: number; headingWidth: number }> {
  return page.evaluate(() => {
    const heading = document.querySelector('h1')?.getBoundingClientRect();
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, not hidden nodes'
    return { textLength: document.body?.innerText.trim().length ?? 0, headingWidth: heading?.width ?? 0 };
  });
}
