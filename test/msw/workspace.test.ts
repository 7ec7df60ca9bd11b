// createWorkspace() in Node under msw's setupServer: a stateful workspace that the SDK changes and
// reads back, with reset/state/load/faults, mock.*() overriding a call on top of it, any base URL,
// and the optional sessionStorage/localStorage copy (a stand-in Storage here; the real ones are
// in workspace-browser.test.ts).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultBaseUrl } from '../../generated/msw.js';
import { createEmulator } from '../../src/emulator/index.js';
import { Pachca, PachcaNotFoundError, PachcaServerError, type PachcaApiError } from '../../src/index.js';
import { createWorkspace, EmulatorStateError, mock, type WorkspaceOptions } from '../../src/msw/index.js';
import { storageKey } from '../../src/msw/persist.js';
import { PNG } from '../support/sdk-calls.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const client = (options: { baseUrl?: string; token?: string } = {}) =>
  new Pachca({ token: 'test-token', maxRetries: 0, timeoutMs: 5_000, ...options });

/** A workspace whose handlers serve this test (removed again by resetHandlers). */
function served(options: WorkspaceOptions = {}) {
  const workspace = createWorkspace({ users: 30, ...options });
  server.use(...workspace.handlers);
  return workspace;
}

const failure = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('the call succeeded'),
    (error: PachcaApiError) => error,
  );

describe('a workspace under setupServer', () => {
  it('shows a created tag in the list and its member in the tag, as the API would', async () => {
    served();
    const sdk = client();
    const tag = await sdk.groupTags.create({ group_tag: { name: 'Release QA' } });
    const user = await sdk.users.create({ user: { email: 'qa.lead@example.com', list_tags: ['Release QA'] } });
    expect((await sdk.groupTags.listAll({ names: ['Release QA'] })).map((t) => [t.id, t.users_count])).toEqual([
      [tag.id, 1],
    ]);
    expect((await sdk.groupTags.listAllUsers(tag.id)).map((u) => u.id)).toEqual([user.id]);
    await sdk.users.delete(user.id);
    await expect(sdk.users.get(user.id)).rejects.toBeInstanceOf(PachcaNotFoundError);
  });

  it('holds the same workspace as the emulator server with the same seed and size', () => {
    const workspace = served({ seed: 7, users: 45 });
    expect(workspace.state()).toEqual(createEmulator({ seed: 7, users: 45 }).exportState());
    expect(workspace.state()).not.toEqual(createEmulator({ seed: 8, users: 45 }).exportState());
  });

  it('lets mock.getUser({ status: 404 }) override that call only, on top of the workspace', async () => {
    served();
    const sdk = client();
    server.use(mock.getUser({ status: 404 }));
    await expect(sdk.users.get(12)).rejects.toBeInstanceOf(PachcaNotFoundError);
    expect((await sdk.profile.get()).first_name).toBe('Oleg'); // every other operation: the workspace
    server.resetHandlers();
    served();
    expect((await sdk.users.get(12)).first_name).toBe('Oleg');
  });

  it('answers its control paths under the base URL: state is the same JSON as state()', async () => {
    const workspace = served();
    await client().groupTags.create({ group_tag: { name: 'Control' } });
    const response = await fetch(`${defaultBaseUrl}/__emulator/state`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(workspace.state());
    expect((await fetch(`${defaultBaseUrl}/__emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(workspace.state()).toEqual(createWorkspace({ users: 30 }).state());
  });

  it('forgets every write on reset(), and load() brings a saved state back', async () => {
    const workspace = served();
    const sdk = client();
    const seeded = workspace.state();
    const tag = await sdk.groupTags.create({ group_tag: { name: 'Snapshot' } });
    const snapshot = workspace.state();
    workspace.reset();
    expect(workspace.state()).toEqual(seeded);
    await expect(sdk.groupTags.get(tag.id)).rejects.toBeInstanceOf(PachcaNotFoundError);
    workspace.load(snapshot);
    expect((await sdk.groupTags.get(tag.id)).name).toBe('Snapshot');
  });

  it('refuses a bad snapshot with EmulatorStateError naming the field, and keeps its state', () => {
    const workspace = served();
    const before = workspace.state();
    const broken = { ...before, users: [{ ...before.users[0], email: 42 }] };
    expect(() => workspace.load(broken)).toThrow(EmulatorStateError);
    expect(() => workspace.load(broken)).toThrow(/users\[0\]\.email/);
    expect(() => workspace.load({ ...before, version: 2 })).toThrow(/version/);
    expect(workspace.state()).toEqual(before);
  });

  it('serves an uploaded avatar back at its image_url', async () => {
    served();
    const { image_url } = await client().users.updateAvatar(20, new Blob([PNG], { type: 'image/png' }));
    expect(image_url.startsWith(`${defaultBaseUrl}/__emulator/avatars/`)).toBe(true);
    const image = await fetch(image_url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    expect((await client().users.get(20)).image_url).toBe(image_url);
  });

  it("serves every seeded user's avatar under its base URL, so an <img> shows it offline", async () => {
    for (const baseUrl of [defaultBaseUrl, 'http://localhost:3000/api']) {
      served({ baseUrl, users: 60 });
      const users = await client({ baseUrl }).users.listAll();
      const urls = users.flatMap((user) => (user.image_url === null ? [] : [user.image_url]));
      expect(urls.length).toBeGreaterThan(10);
      for (const url of urls) {
        expect(url.startsWith(`${baseUrl}/__emulator/avatars/seed-`)).toBe(true);
        const image = await fetch(url);
        expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
        expect(await image.text()).toMatch(/^<svg [^>]*>.*<\/svg>$/);
      }
      server.resetHandlers();
    }
  });

  it('answers at another base URL, and only there', async () => {
    const baseUrl = 'http://localhost:3000/api/';
    const workspace = served({ baseUrl });
    expect((await client({ baseUrl }).users.get(12)).first_name).toBe('Oleg');
    const { image_url } = await client({ baseUrl }).profile.updateAvatar(new Blob([PNG], { type: 'image/png' }));
    expect(image_url).toMatch(/^http:\/\/localhost:3000\/api\/__emulator\/avatars\//);
    expect(workspace.state().avatars).toHaveLength(1);
    await expect(client().users.get(12)).rejects.toThrow(); // nothing serves the API's own base URL
  });

  it('applies the token table of the emulator', async () => {
    served();
    await expect(client({ token: 'nobody' }).profile.get()).rejects.toMatchObject({ status: 401 });
    await expect(client({ token: 'guest-token' }).profile.get()).rejects.toMatchObject({ status: 403 });
    const refused = await failure(client({ token: 'readonly-token' }).groupTags.create({ group_tag: { name: 'RO' } }));
    expect(refused).toMatchObject({ status: 403, error: 'insufficient_scope' });
    expect((await client({ token: 'user-token' }).profile.get()).nickname).toBe('anna');
  });
});

describe('workspace faults', () => {
  it('answers the next N matching calls with the fault, then the workspace again', async () => {
    const workspace = served();
    const sdk = client();
    workspace.faults.next('getUser', { status: 503, times: 2 });
    for (let i = 0; i < 2; i++) expect(await failure(sdk.users.get(12))).toBeInstanceOf(PachcaServerError);
    expect((await sdk.users.get(12)).id).toBe(12);
    workspace.faults.next('listUsers', { status: 429, retryAfter: 3 });
    const limited = await fetch(`${defaultBaseUrl}/users`, { headers: { authorization: 'Bearer test-token' } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
  });

  it('matches a method and a path relative to the base URL, and clear() drops what is pending', async () => {
    const workspace = served();
    const sdk = client();
    workspace.faults.next({ method: 'GET', path: '/users/13' }, { status: 500 });
    expect((await sdk.users.get(12)).id).toBe(12);
    expect(await failure(sdk.users.get(13))).toMatchObject({ status: 500 });
    workspace.faults.next('getProfile', { status: 502, times: 5 });
    workspace.faults.clear();
    expect((await sdk.profile.get()).id).toBe(12);
  });

  it('delays an answer by delayMs', async () => {
    const workspace = served();
    workspace.faults.next('getProfile', { delayMs: 150 });
    const started = Date.now();
    await client().profile.get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses an unknown operationId or a bad fault with a clear error', () => {
    const workspace = served();
    expect(() => workspace.faults.next('getUsr' as 'getUser', { status: 503 })).toThrow(
      /getUsr is not an operationId of the API; they are .*getUser/,
    );
    expect(() => workspace.faults.next('getUser', { status: 418 as 503 })).toThrow(/status must be one of/);
  });
});

describe('createWorkspace options', () => {
  it('refuses bad options with a clear error', () => {
    expect(() => createWorkspace({ users: 0 })).toThrow(RangeError);
    expect(() => createWorkspace({ baseUrl: 'http://[bad' })).toThrow(/baseUrl must be a URL/);
    expect(() => createWorkspace({ baseUrl: 'http://x.test/api?v=1' })).toThrow(/no query/);
    expect(() => createWorkspace({ persist: 'cookies' as 'localStorage' })).toThrow(/persist must be/);
    expect(() => createWorkspace({ persist: 'sessionStorage' })).toThrow(/sessionStorage' is not available here/);
  });
});

/** A Storage as browsers have it, in memory. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

describe('a persisted workspace', () => {
  const KEY = storageKey(defaultBaseUrl);

  function storage(name: 'sessionStorage' | 'localStorage' = 'sessionStorage') {
    const memory = new MemoryStorage();
    vi.stubGlobal(name, memory);
    return memory;
  }

  /** A valid state of the 30-user workspace with one more tag, named `name`. */
  function snapshotWith(name: string) {
    const snapshot = createWorkspace({ users: 30 }).state();
    snapshot.group_tags.push({ id: snapshot.next_group_tag_id, name });
    snapshot.next_group_tag_id += 1;
    return snapshot;
  }

  /** What the next start does with the stored item: the names of the tags it holds. */
  const tagNames = (options: WorkspaceOptions = {}) =>
    createWorkspace({ users: 30, persist: 'sessionStorage', ...options })
      .state()
      .group_tags.map((tag) => tag.name);

  it('saves after every write and starts from the saved state, in either storage', async () => {
    for (const name of ['sessionStorage', 'localStorage'] as const) {
      const memory = storage(name);
      served({ persist: name });
      await client().groupTags.create({ group_tag: { name: `Saved in ${name}` } });
      expect(memory.getItem(KEY)).toContain(`Saved in ${name}`);
      server.resetHandlers();
      const reloaded = served({ persist: name });
      expect(reloaded.state().group_tags.map((tag) => tag.name)).toContain(`Saved in ${name}`);
      reloaded.reset();
      expect(JSON.parse(memory.getItem(KEY) ?? '{}').state).toEqual(createWorkspace({ users: 30 }).state());
    }
  });

  it('saves load() too, and keeps nothing when persist is off', () => {
    const memory = storage();
    const snapshot = snapshotWith('Loaded');
    createWorkspace({ users: 30, persist: 'sessionStorage' }).load(snapshot);
    expect(tagNames()).toContain('Loaded');
    memory.clear();
    createWorkspace({ users: 30 }).load(snapshot);
    expect(memory.length).toBe(0);
  });

  it('drops a state saved with another seed, size or base URL, or by something else, with a warning', () => {
    const memory = storage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const snapshot = snapshotWith('Foreign');
    const envelope = { kind: 'pachca-sdk/msw workspace', version: 1, baseUrl: defaultBaseUrl, users: 30, seed: 1 };
    for (const [item, reason] of [
      [{ ...envelope, seed: 2 }, /made with seed 2, not 1/],
      [{ ...envelope, users: 31 }, /made with users 31, not 30/],
      [{ ...envelope, baseUrl: 'http://other.test' }, /made with baseUrl http:\/\/other.test/],
      [{ ...envelope, kind: 'something else' }, /not written by pachca-sdk\/msw/],
      [{ ...envelope, version: 0 }, /format is version 0, not 1/],
    ] as const) {
      // The same envelope as it should be is read back: only the one difference drops it.
      memory.setItem(KEY, JSON.stringify({ ...envelope, state: snapshot }));
      expect(tagNames()).toContain('Foreign');
      memory.setItem(KEY, JSON.stringify({ ...item, state: snapshot }));
      expect(tagNames(), JSON.stringify(item)).not.toContain('Foreign');
      expect(memory.getItem(KEY)).toBeNull();
      expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(reason));
    }
  });

  it('drops a corrupt or invalid saved state, and an older format under its own key', () => {
    const memory = storage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const good = { kind: 'pachca-sdk/msw workspace', version: 1, baseUrl: defaultBaseUrl, users: 30, seed: 1 };
    const seededTags = createWorkspace({ users: 30 })
      .state()
      .group_tags.map((tag) => tag.name);
    memory.setItem(KEY, '{"kind":"pachca-sdk/msw workspace","ver');
    expect(tagNames()).toEqual(seededTags);
    expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/JSON/));
    memory.setItem(KEY, JSON.stringify({ ...good, state: { version: 1, users: 'none' } }));
    expect(tagNames()).toEqual(seededTags);
    expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/owner_id: is missing|users: must be an array/));
    expect(memory.getItem(KEY)).toBeNull();
    memory.setItem(storageKey(defaultBaseUrl, 0), '{"old":true}');
    memory.setItem(storageKey('http://other.test', 0), '{"other":true}');
    tagNames();
    expect(memory.getItem(storageKey(defaultBaseUrl, 0))).toBeNull();
    expect(memory.getItem(storageKey('http://other.test', 0))).toBe('{"other":true}');
  });

  it('keeps serving from memory when the storage is full, and says so once', async () => {
    const memory = storage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(memory, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    served({ persist: 'sessionStorage' });
    const sdk = client();
    const first = await sdk.groupTags.create({ group_tag: { name: 'Full 1' } });
    await sdk.groupTags.create({ group_tag: { name: 'Full 2' } });
    expect((await sdk.groupTags.get(first.id)).name).toBe('Full 1');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/could not save the workspace to sessionStorage: The quota/),
    );
  });
});
