// Keeps a workspace across page reloads in sessionStorage or localStorage. The stored item is an
// envelope that names what wrote it, the state format's version and the options the workspace was
// seeded with; anything else under the key (an older format, another seed, a hand-edited or
// truncated item) is dropped and the workspace starts from its seed, so a stale state is never
// misread.
import { STATE_VERSION } from '../emulator/index.js';
import type { Emulator, WorkspaceState } from '../emulator/index.js';

export type PersistTo = 'sessionStorage' | 'localStorage';

const KIND = 'pachca-sdk/msw workspace';
const KEY_PREFIX = 'pachca-sdk/msw:workspace:';

/** What a workspace's stored state must have been made with to be read back. */
export interface Origin {
  baseUrl: string;
  users: number;
  seed: number;
}

interface Envelope extends Origin {
  kind: typeof KIND;
  version: number;
  state: WorkspaceState;
}

/** The key of a workspace's state: versioned, and one per base URL, so two workspaces of a page keep apart. */
export const storageKey = (baseUrl: string, version: number = STATE_VERSION) => `${KEY_PREFIX}v${version}:${baseUrl}`;

function storageOf(persist: PersistTo): Storage {
  if (persist !== 'sessionStorage' && persist !== 'localStorage') {
    throw new TypeError(`persist must be 'sessionStorage' or 'localStorage', got ${JSON.stringify(persist)}`);
  }
  const storage = (globalThis as { [key in PersistTo]?: Storage })[persist];
  if (!storage) throw new TypeError(`persist: '${persist}' is not available here (it needs a browser page)`);
  return storage;
}

/** Why a stored item cannot be this workspace's state, or undefined when it can. */
function problemOf(item: unknown, origin: Origin): string | undefined {
  const envelope = item as Partial<Envelope> | null;
  if (typeof envelope !== 'object' || envelope === null || envelope.kind !== KIND)
    return 'it was not written by pachca-sdk/msw';
  if (envelope.version !== STATE_VERSION) return `its format is version ${envelope.version}, not ${STATE_VERSION}`;
  for (const key of ['baseUrl', 'users', 'seed'] as const) {
    if (envelope[key] !== origin[key]) return `it was made with ${key} ${envelope[key]}, not ${origin[key]}`;
  }
  return undefined;
}

function drop(storage: Storage, key: string, persist: PersistTo, reason: string): void {
  storage.removeItem(key);
  console.warn(`pachca-sdk/msw: dropped the workspace saved in ${persist} (${reason}); starting from the seed`);
}

/** The other versions' keys of this base URL: a state no version of this package will read again. */
function staleKeys(storage: Storage, baseUrl: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(KEY_PREFIX) && key.endsWith(`:${baseUrl}`) && key !== storageKey(baseUrl)) keys.push(key);
  }
  return keys;
}

/**
 * Loads the saved state into `emulator` (or drops it), then saves the state after every change.
 * A failed save (the storage is full) warns once and leaves the workspace in memory only.
 */
export function persistWorkspace(emulator: Emulator, persist: PersistTo, origin: Origin): void {
  const storage = storageOf(persist);
  const key = storageKey(origin.baseUrl);
  for (const stale of staleKeys(storage, origin.baseUrl)) drop(storage, stale, persist, 'an older format');
  const saved = storage.getItem(key);
  if (saved !== null) {
    try {
      const item: unknown = JSON.parse(saved);
      const problem = problemOf(item, origin);
      if (problem) drop(storage, key, persist, problem);
      else emulator.importState((item as Envelope).state);
    } catch (error) {
      // Not JSON, or a state the engine refuses (EmulatorStateError names the field).
      drop(storage, key, persist, (error as Error).message);
    }
  }
  let warned = false;
  // Saved at once, so a reload right after a write or a reset() finds it; a browser workspace is
  // small enough for that (the Node state file, which may hold 10,000 users, batches instead).
  emulator.onChange(() => {
    const envelope: Envelope = { kind: KIND, version: STATE_VERSION, ...origin, state: emulator.exportState() };
    try {
      storage.setItem(key, JSON.stringify(envelope));
    } catch (error) {
      if (!warned)
        console.warn(`pachca-sdk/msw: could not save the workspace to ${persist}: ${(error as Error).message}`);
      warned = true;
    }
  });
}
