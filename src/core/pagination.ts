// Cursor pagination per the facts sheet: a list ends on `has_next: false` (never on an empty
// page); search-style meta ends at `total` or an empty page. A repeated cursor or the page cap
// ends iteration with an error rather than looping forever.
import { PachcaPaginationError } from './errors.js';

export const DEFAULT_MAX_PAGES = 1000;

interface StandardMeta {
  paginate: { next_page: string; has_next: boolean };
}
interface SearchMeta {
  total: number;
  paginate: { next_page: string };
}

/** Fetches the page at `cursor` (undefined: the first page). */
export type PageLoader<T, M> = (cursor: string | undefined) => Promise<{ data: T[]; meta: M }>;

interface Walk<T, M> {
  load: PageLoader<T, M>;
  maxPages: number;
  /**
   * Each cursor loaded so far and the number of the page it loaded. A page whose next cursor
   * already loaded this page or an earlier one is a loop; loading the same next page twice is not.
   */
  requested: Map<string, number>;
}

/** One page of a list. Iterating it yields every item of this page and all the pages after it. */
export class Page<T, M = unknown> implements AsyncIterable<T> {
  readonly data: T[];
  readonly meta: M;
  /** 1 for the first page. */
  readonly pageNumber: number;
  /** Items on this page and all pages before it. */
  readonly itemsSoFar: number;
  readonly #walk: Walk<T, M>;

  constructor(body: { data: T[]; meta: M }, pageNumber: number, itemsBefore: number, walk: Walk<T, M>) {
    this.data = body.data ?? [];
    this.meta = body.meta;
    this.pageNumber = pageNumber;
    this.itemsSoFar = itemsBefore + this.data.length;
    this.#walk = walk;
  }

  /** The cursor of the next page, or undefined at the end of the list. */
  get nextCursor(): string | undefined {
    const meta = this.meta as Partial<StandardMeta & SearchMeta> | undefined;
    const cursor = meta?.paginate?.next_page;
    if (!cursor) return undefined;
    if (typeof meta?.total === 'number') {
      return this.data.length > 0 && this.itemsSoFar < meta.total ? cursor : undefined;
    }
    return meta?.paginate?.has_next === true ? cursor : undefined;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== undefined;
  }

  /** Fetches the next page; throws PachcaPaginationError at the end, on a repeated cursor or past the page cap. */
  async nextPage(): Promise<Page<T, M>> {
    const cursor = this.nextCursor;
    const walk = this.#walk;
    if (cursor === undefined) throw new PachcaPaginationError('There is no next page: this is the last page of the list.');
    if ((walk.requested.get(cursor) ?? Infinity) <= this.pageNumber) {
      throw new PachcaPaginationError(
        `The API returned cursor "${cursor}" a second time after page ${this.pageNumber}; stopping instead of looping forever.`,
      );
    }
    if (this.pageNumber >= walk.maxPages) {
      throw new PachcaPaginationError(
        `Stopped after ${walk.maxPages} pages (maxPages). Raise maxPages if the list really is that long.`,
      );
    }
    const body = await walk.load(cursor);
    // Recorded only once loaded, so a nextPage() that failed can simply be called again.
    walk.requested.set(cursor, this.pageNumber + 1);
    return new Page(body, this.pageNumber + 1, this.itemsSoFar, walk);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    // Only the current page is referenced, so memory stays flat however long the list is.
    let page: Page<T, M> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.nextPage();
    }
  }
}

/** What `list*` methods return: await it for the first page, or iterate it for every item. */
export class PagePromise<T, M = unknown> implements PromiseLike<Page<T, M>>, AsyncIterable<T> {
  readonly #page: Promise<Page<T, M>>;

  constructor(load: PageLoader<T, M>, maxPages: number = DEFAULT_MAX_PAGES) {
    const walk: Walk<T, M> = { load, maxPages, requested: new Map() };
    this.#page = load(undefined).then((body) => new Page(body, 1, 0, walk));
  }

  then<A = Page<T, M>, B = never>(
    onFulfilled?: ((page: Page<T, M>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T, M> | B> {
    return this.#page.catch(onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#page;
  }

  /** Every item of every page, collected into one array. */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
