// What a page reported going wrong, as one line each: uncaught exceptions, console errors, and the
// failed loads Chromium logs as console errors (with the URL, so a test can allow the one it asked for).
import type { Page } from 'playwright-core';

/** Starts recording `page`'s problems; the returned array fills as they happen. */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`exception: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${message.text()} ${message.location().url}`.trim());
  });
  return problems;
}
