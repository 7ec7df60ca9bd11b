// Cursor pagination, as the API documents it: a list ends on `has_next: false` (an empty page is
// not the end while `has_next` is true). `has_next` is optional in the API's schema, and its older
// reference shows `next_page` alone: without the flag, `next_page` is followed until a page comes
// back empty. Search-style meta ends at `total` or an empty page; meta without a `next_page` ends
// after that page. A repeated cursor or the page cap ends iteration with an error rather than
// looping forever.
import type { components } from '../../generated/schema.js';
import { PachcaPaginationError } from './errors.js';

export const DEFAULT_MAX_PAGES = 1000;

type Schemas = components['schemas'];

/** Either meta of the spec, read defensively: any field may be missing. `total` is only in search meta. */
type Meta = Partial<Pick<Schemas['SearchMeta'], 'total'>> & {
  paginate?: Partial<Schemas['PaginationMeta']['paginate']>;
};

/** Fetches the page at `cursor` (undefined: the first page). */
export type PageLoader<T, M> = (cursor: string | undefined) => Promise<{ data: T[]; meta: M }>;

/** Loads the page after `page`: the one link between pages, shared by every page of a list. */
type NextPage<T, M> = (page: Page<T, M>) => Promise<Page<T, M>>;

function pageWalker<T, M>(load: PageLoader<T, M>, maxPages: number): NextPage<T, M> {
  // Each cursor loaded so far and the number of the page it loaded. A page whose next cursor
  // already loaded this page or an earlier one is a loop; loading the same next page twice is not.
  const requested = new Map<string, number>();
  const next: NextPage<T, M> = async ({ nextCursor: cursor, pageNumber, itemsSoFar }) => {
    if (cursor === undefined) throw new PachcaPaginationError(`Page ${pageNumber} is the last page`);
    if ((requested.get(cursor) ?? Infinity) <= pageNumber) {
      throw new PachcaPaginationError(
        `Cursor "${cursor}" repeated after page ${pageNumber}: stopped instead of looping`,
      );
    }
    if (pageNumber >= maxPages)
      throw new PachcaPaginationError(`Stopped at maxPages (${maxPages}); raise it for longer lists`);
    const body = await load(cursor);
    // Recorded only once loaded, so a nextPage() that failed can simply be called again.
    requested.set(cursor, pageNumber + 1);
    return new Page(body, pageNumber + 1, itemsSoFar, next);
  };
  return next;
}

/** One page of a list. Iterating it yields every item of this page and all the pages after it. */
export class Page<T, M = unknown> implements AsyncIterable<T> {
  // `declare`: set by Object.assign in the constructor, so no field initialisers are emitted.
  declare readonly data: T[];
  declare readonly meta: M;
  /** 1 for the first page. */
  declare readonly pageNumber: number;
  /** Items on this page and all pages before it. */
  declare readonly itemsSoFar: number;
  readonly #next: NextPage<T, M>;

  constructor({ data, meta }: { data: T[]; meta: M }, pageNumber: number, itemsBefore: number, next: NextPage<T, M>) {
    Object.assign(this, { data, meta, pageNumber, itemsSoFar: itemsBefore + data.length });
    this.#next = next;
  }

  /** The cursor of the next page, or undefined at the end of the list. */
  get nextCursor(): string | undefined {
    const meta = this.meta as Meta | undefined;
    const paginate = meta?.paginate;
    const more =
      typeof meta?.total === 'number'
        ? this.data.length > 0 && this.itemsSoFar < meta.total
        : (paginate?.has_next ?? this.data.length > 0);
    return (more && paginate?.next_page) || undefined;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== undefined;
  }

  /** Fetches the next page; throws PachcaPaginationError at the end, on a repeated cursor or past the page cap. */
  nextPage(): Promise<Page<T, M>> {
    return this.#next(this);
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
    this.#page = load(undefined).then((body) => new Page(body, 1, 0, pageWalker(load, maxPages)));
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaited for its first page, so it is a thenable on purpose.
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
