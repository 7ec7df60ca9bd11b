// A stateful workspace behind MSW: the emulator's engine (the same one `npm run mock` serves)
// answers every request under the base URL, so writes are visible to later reads, lists paginate
// and searches filter, with no server at all. The control paths (/__emulator/…) and uploaded
// avatars are served under the base URL too.
import { http, type HttpHandler } from 'msw';
import { defaultBaseUrl } from '../../generated/msw.js';
import { createEmulator, type Fault, type WorkspaceState } from '../emulator/index.js';
import { DEFAULT_USERS } from '../emulator/seed.js';
import { type PersistTo, persistWorkspace } from './persist.js';
import type { MockedOperationId } from './types.js';

export interface WorkspaceOptions {
  /** Where the workspace answers, e.g. `http://localhost:3000/api`; the API's own base URL by default. */
  baseUrl?: string;
  /** How many users the seeded workspace has: 120 by default, 1 to 10,000. */
  users?: number;
  /** Picks the deterministic workspace (the emulator server's `--seed`): 1 by default. */
  seed?: number;
  /** Keep the workspace across page reloads in this storage; off by default. */
  persist?: PersistTo;
}

/** Which requests a fault applies to: an operationId, or a method and a path relative to the base URL. */
export type WorkspaceFaultMatch = MockedOperationId | { method: string; path: string };

export interface Workspace {
  /** One handler for every path under the base URL: `setupServer(...workspace.handlers)`. */
  readonly handlers: HttpHandler[];
  /** Back to the seeded workspace. */
  reset(): void;
  /** The whole workspace as JSON: the same document as the emulator server's GET /__emulator/state. */
  state(): WorkspaceState;
  /** Replaces the workspace with a saved state; throws EmulatorStateError naming the problem, changing nothing. */
  load(snapshot: unknown): void;
  readonly faults: {
    /**
     * The next request(s) that match answer a 429/5xx or are delayed: `next('getUser', { status: 503, times: 2 })`.
     * Throws a RangeError for a match no request can meet (an unknown operationId, method or path).
     */
    next(match: WorkspaceFaultMatch, fault: Fault): void;
    clear(): void;
  };
}

/** `/api/shared/v1` of `https://api.pachca.com/api/shared/v1/`; '' for a base URL at the root. */
function basePathOf(baseUrl: string): string {
  let url: URL;
  try {
    // A relative base URL (`/api`) is one MSW accepts in a browser.
    url = new URL(baseUrl, 'http://relative.invalid');
  } catch {
    throw new TypeError(`baseUrl must be a URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search || url.hash) throw new TypeError(`baseUrl must have no query or fragment, got ${baseUrl}`);
  return url.pathname.replace(/\/+$/, '');
}

/** The engine's match; the engine refuses one that names no operation of the API. */
const matchOf = (match: WorkspaceFaultMatch) => (typeof match === 'string' ? { operationId: match } : match);

/** A seeded workspace and the MSW handlers that serve it. */
export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  // The engine's defaults, spelled out: the stored state records what it was seeded with.
  const { users = DEFAULT_USERS, seed = 1 } = options;
  const emulator = createEmulator({ users, seed, basePath: basePathOf(baseUrl) });
  if (options.persist !== undefined) persistWorkspace(emulator, options.persist, { baseUrl, users, seed });
  return {
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => emulator.handle(request))],
    reset: () => emulator.reset(),
    state: () => emulator.exportState(),
    load: (snapshot) => emulator.importState(snapshot),
    faults: {
      next: (match, fault) => emulator.faults.next(matchOf(match), fault),
      clear: () => emulator.faults.clear(),
    },
  };
}
