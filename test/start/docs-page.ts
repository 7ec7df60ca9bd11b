// A docs page (Scalar's API reference) as a reader meets it, driven by Playwright: Scalar routes by
// hash (`#tag/users/POST/users`), renders each operation as a <section> whose id ends with that
// route, and opens its request console (a dialog) from the operation's "Test Request" button.
import type { Locator, Page, Response } from 'playwright-core';
import type { Operation } from '../../scripts/lib/spec.js';

// A step takes well under a second on an idle machine; the bound leaves room for a busy one.
const IN_VIEW_WITHIN_MS = 30_000;
const POLL_MS = 25;

/** Scalar's slug of a tag: its name, lower case, spaces as dashes (`Group tags` → `group-tags`). */
export const tagSlug = (tag: string) => tag.toLowerCase().replace(/\s+/g, '-');

/** The hash Scalar routes a tag to: `#tag/group-tags`. */
export const tagHash = (tag: string) => `#tag/${tagSlug(tag)}`;

/** The hash Scalar routes an operation to: `#tag/users/POST/users`. */
export const operationHash = (op: Operation) => `${tagHash(op.tags[0] ?? '')}/${op.method.toUpperCase()}${op.path}`;

/** The <section> of the page a route shows. */
export const sectionOf = (page: Page, hash: string) => page.locator(`section[id$="/${hash.slice(1)}"]`);

/** How long a click's effect may take before the click is taken to have missed. */
const CLICK_EFFECT_MS = 3_000;
const CLICK_ATTEMPTS = 5;

/**
 * A real mouse click on `target` until `effect` (what a reader's click does) shows. Playwright's
 * own wait for the element to hold still took about 2 s a click, since Scalar's page keeps moving
 * while lazy sections render; a click at a moving element can land beside it, so it is repeated,
 * as a reader would click again.
 */
async function clickUntil(target: Locator, effect: (timeout: number) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await target.click({ force: true });
    try {
      await effect(attempt < CLICK_ATTEMPTS ? CLICK_EFFECT_MS : IN_VIEW_WITHIN_MS);
      return;
    } catch (error) {
      if (attempt >= CLICK_ATTEMPTS) throw error;
    }
  }
}

/** Opens the route `hash` of the open page as a reader does: with a click on its link in Scalar's sidebar. */
export async function goToHash(page: Page, hash: string): Promise<void> {
  await clickUntil(page.locator(`aside a[href="${hash}"]`).first(), (timeout) =>
    page.waitForURL((url) => decodeURIComponent(url.hash) === hash, { timeout }),
  );
}

/**
 * Opens the route `hash` and brings its section's heading to the top of the window. Scalar renders
 * sections lazily, and on a busy machine its scroll after a sidebar click can land above a section
 * whose neighbours grew meanwhile; the reader then scrolls on, as this does.
 */
export async function openSection(page: Page, hash: string): Promise<void> {
  await goToHash(page, hash);
  const heading = sectionOf(page, hash).locator('h1, h2, h3').first();
  const top = (await heading.boundingBox())?.y ?? -1;
  const height = page.viewportSize()?.height ?? 0;
  if (top < 0 || top > height / 2) await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
}

/**
 * Waits until the section a route shows has its heading `title` in the upper half of the window
 * (below the language bar) and, when `code` is given, a code block of the page shows it. With
 * `readerScrolls`, a heading that the page's own scroll left out of view (Scalar's lazy sections
 * can grow after it) is scrolled to, as a reader scrolls on; without it, the page must bring it.
 */
export async function headingInView(
  page: Page,
  hash: string,
  title: string,
  code?: string,
  { readerScrolls = false } = {},
): Promise<{ top: number }> {
  const look = ([route, text, sample, scroll]: readonly [string, string, string | undefined, boolean]) => {
    const section = [...document.querySelectorAll('section')].find((s) => s.id.endsWith(`/${route}`));
    const headings = [...(section?.querySelectorAll('h1, h2, h3') ?? [])];
    const heading = headings.find((h) => h.textContent?.trim() === text);
    const box = heading?.getBoundingClientRect();
    const inView = !!box && box.height > 0 && box.top >= 0 && box.top <= innerHeight / 2;
    const shown =
      sample === undefined || [...document.querySelectorAll('pre')].some((b) => b.textContent?.includes(sample));
    if (inView && shown) return { top: box.top };
    if (scroll && heading && !inView) heading.scrollIntoView({ block: 'start' });
    const names = headings.map((h) => h.textContent?.trim()).join(' | ');
    return `section: ${!!section}, headings: ${names}, top: ${box?.top}, sample shown: ${shown}`;
  };
  const args = [hash.slice(1), title, code, readerScrolls] as const;
  const deadline = performance.now() + IN_VIEW_WITHIN_MS;
  for (;;) {
    const seen = await page.evaluate(look, args);
    if (typeof seen === 'object') return seen;
    if (performance.now() > deadline) throw new Error(`${hash} «${title}» is not in view: ${seen}`);
    await page.waitForTimeout(POLL_MS);
  }
}

export interface ConsoleExchange {
  /** The request as it left the page. */
  method: string;
  url: string;
  authorization: string | undefined;
  /** The answer the server gave, and the part of it the console shows. */
  status: number;
  body: string;
  shown: string;
}

/**
 * Opens `op`'s request console from its "Test Request" button (its section open, `openSection`), sends the request exactly as
 * the
 * console prefills it, waits for the answer to show and closes the console again.
 */
export async function sendFromConsole(page: Page, op: Operation, serverUrl: string): Promise<ConsoleExchange> {
  const hash = operationHash(op);
  const dialog = page.locator('[role="dialog"].scalar-client');
  const send = dialog.locator('button[data-addressbar-action="send"]:visible');
  await clickUntil(sectionOf(page, hash).locator('.show-api-client-button').first(), (timeout) =>
    send.waitFor({ timeout }),
  );
  const method = op.method.toUpperCase();
  const answered = page.waitForResponse(
    (r: Response) => r.url().startsWith(serverUrl) && r.request().method() === method,
  );
  await send.click({ force: true }); // the console's own button: it does not move
  const response = await answered;
  const status = response.status();
  // Scalar shows the status as a link to its MDN page, beside the time and size.
  await dialog.locator(`.animate-response-children a[href$="/Status/${status}"]`).waitFor();
  const exchange: ConsoleExchange = {
    method,
    url: response.url(),
    authorization: (await response.request().allHeaders()).authorization,
    status,
    body: await response.text(),
    shown: ((await dialog.textContent()) ?? '').replace(/\s+/g, ' '),
  };
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  return exchange;
}

/** The code blocks on screen whose lines do not fit their box: the start of each, for the message. */
export async function clippedCode(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.scalar-code-block [role="group"]')]
      .filter((box) => {
        const rect = box.getBoundingClientRect();
        return rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
      })
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => (box.textContent ?? '').slice(0, 60)),
  );
}

/**
 * Collects what went wrong on a page from now on (console errors, uncaught exceptions, failed
 * loads) into `problems`, which several pages may share. An error answer from `server` is what
 * the console asked for (Chromium logs every 4xx as a console error), not a problem.
 */
export function watchProblems(page: Page, problems: string[] = [], server?: string): string[] {
  page.on('console', (message) => {
    const answered = server !== undefined && message.location().url.startsWith(server);
    if (message.type() === 'error' && !answered) problems.push(`console.error: ${message.text()}`);
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
