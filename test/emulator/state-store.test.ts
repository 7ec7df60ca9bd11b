// `--state FILE` as openStateStore keeps it: a snapshot plus a journal of every write. What a crash
// leaves on disk is copied aside and opened by a new emulator, which must hold exactly the
// workspace the first one had; files that do not load are refused and left as they were.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../src/emulator/router.js';
import type { Emulator } from '../../src/emulator/index.js';
import { journalOf, openStateStore, StateFileError, type StateStore } from '../../src/emulator/node/state-store.js';
import { call, emulatorFor, imageForm } from './support.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'pachca-store-'));
const stores: StateStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
});

async function openStore(
  emulator: Emulator,
  file: string,
  log: (line: string) => void = () => undefined,
  compactAfterBytes?: number,
) {
  const store = await openStateStore(emulator, file, log, { compactAfterBytes });
  stores.push(store);
  return store;
}

/** What a crash leaves: the files as they are now, copied to another directory. */
function crashCopy(file: string): string {
  const copy = join(newDir(), 's.json');
  copyFileSync(file, copy);
  if (existsSync(journalOf(file))) copyFileSync(journalOf(file), journalOf(copy));
  return copy;
}

/** The workspace a new emulator loads from `file`. */
async function reopened(file: string, users = 40) {
  const next = emulatorFor({ users });
  const store = await openStore(next, file);
  await store.close();
  return next.exportState();
}

/** A 2xx write of each operation that writes (the test below checks that none is missing). */
async function everyWrite(emulator: Emulator): Promise<Set<string>> {
  const done = new Set<string>();
  const write = async (method: string, path: string, options: Parameters<typeof call>[3]) => {
    const answer = await call(emulator, method, path, options);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    done.add(answer.operationId ?? `${method} ${path}`);
    return answer.body;
  };
  const property = (await call(emulator, 'GET', '/custom_properties?entity_type=User')).body.data[0];
  const tag = (await write('POST', '/group_tags', { json: { group_tag: { name: 'Replayed' } } })).data;
  await write('POST', '/group_tags', { json: { group_tag: { name: 'Doomed' } } });
  const user = (
    await write('POST', '/users', {
      json: { user: { email: 'replay@example.com', first_name: 'Rita', list_tags: ['Replayed', 'Doomed'] } },
    })
  ).data;
  await write('PUT', `/users/${user.id}`, {
    json: { user: { department: 'QA', custom_properties: [{ id: property.id, value: 'x' }], role: 'admin' } },
  });
  await write('PUT', `/group_tags/${tag.id}`, { json: { group_tag: { name: 'Replayed again' } } });
  const doomed = (await call(emulator, 'GET', '/group_tags?names[]=Doomed')).body.data[0];
  await write('DELETE', `/group_tags/${doomed.id}`, {});
  const status = { status: { emoji: '🏖', title: 'Away', is_away: true, away_message: 'Back soon' } };
  await write('PUT', '/profile/status', { json: status });
  await write('PUT', `/users/${user.id}/status`, { json: status });
  await write('DELETE', '/profile/status', {});
  await write('PUT', '/users/20/status', { json: status });
  await write('DELETE', '/users/20/status', {});
  await write('PUT', '/profile/avatar', { form: imageForm() });
  await write('PUT', '/profile/avatar', { form: imageForm() }); // replaces the first file
  await write('PUT', `/users/${user.id}/avatar`, { form: imageForm() });
  await write('PUT', '/users/20/avatar', { form: imageForm() });
  await write('DELETE', '/users/20/avatar', {});
  await write('DELETE', '/profile/avatar', {});
  await write('PUT', '/users/21/avatar', { form: imageForm() });
  await write('DELETE', '/users/21', {}); // with its avatar
  await write('POST', '/users', { json: { user: { email: 'second@example.com' } } });
  return done;
}

describe('openStateStore', () => {
  it('creates a missing file from the seed, and close() leaves the snapshot alone, with everything in it', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const store = await openStore(emulator, file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(emulator.exportState());
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Saved' } } });
    await store.close();
    await store.close(); // idempotent
    expect(readdirSync(join(file, '..'))).toEqual(['s.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(emulator.exportState());
  });

  it('replays the journal of every kind of write to exactly the workspace before the crash', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const store = await openStore(emulator, file);
    const before = readFileSync(file, 'utf8');
    const done = await everyWrite(emulator);
    await store.flush();
    const writes = ROUTES.filter((route) => route.method !== 'GET').map((route) => route.operationId);
    expect([...done].sort()).toEqual([...writes].sort());
    expect(readFileSync(file, 'utf8')).toBe(before); // nothing but the journal was written
    expect(await reopened(crashCopy(file))).toEqual(emulator.exportState());
  });

  it('replays a reset and an import', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const store = await openStore(emulator, file);
    const imported = emulatorFor({ users: 7, seed: 3 }).exportState();
    await call(emulator, 'PUT', '/__emulator/state', { json: imported });
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'After import' } } });
    await store.flush();
    expect(await reopened(crashCopy(file))).toEqual(emulator.exportState());
    await call(emulator, 'POST', '/__emulator/reset', {});
    await store.flush();
    expect(await reopened(crashCopy(file))).toEqual(emulatorFor().exportState());
  });

  it('commits concurrent writes together: one fsync for many, each flush after its own', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const store = await openStore(emulator, file);
    const probe: FileHandle = await open(join(file, '..', 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const events: string[] = [];
    const datasync = fileHandle.datasync;
    vi.spyOn(fileHandle, 'datasync').mockImplementation(async function (this: FileHandle) {
      await datasync.call(this);
      events.push('fsync');
    });
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await call(emulator, 'POST', '/users', { json: { user: { email: `group-${i}@example.com` } } });
        await store.flush();
        events.push('flushed');
      }),
    );
    const fsyncs = events.filter((event) => event === 'fsync').length;
    expect(fsyncs).toBeGreaterThan(0);
    expect(fsyncs).toBeLessThanOrEqual(5);
    expect(events[0]).toBe('fsync'); // no flush resolves before the first fsync
    expect(readFileSync(journalOf(file), 'utf8').split('\n')).toHaveLength(101);
    expect(await reopened(crashCopy(file))).toEqual(emulator.exportState());
  });

  it('drops a torn last journal line (an append a crash cut short), says so, and keeps the rest', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const store = await openStore(emulator, file);
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Kept' } } });
    await store.flush();
    const kept = emulator.exportState();
    const copy = crashCopy(file);
    writeFileSync(journalOf(copy), '[{"kind":"group_tag","id":99,"tag":{"id":99,"na', { flag: 'a' });
    const lines: string[] = [];
    const next = emulatorFor();
    await openStore(next, copy, (line) => lines.push(line));
    expect(next.exportState()).toEqual(kept);
    expect(lines).toEqual([
      expect.stringMatching(/dropped the unfinished last line of .*s\.json\.journal \(\d+ bytes\)/),
    ]);
    expect(readFileSync(journalOf(copy), 'utf8')).toBe(''); // compacted at the start
  });

  it('refuses a snapshot that does not load, with a journal or without, naming the file and the problem, and touches neither file', async () => {
    const dir = newDir();
    const file = join(dir, 's.json');
    for (const journal of ['[]\n', '']) {
      for (const content of ['{"version": 1, "users": [', JSON.stringify({ version: 99 }), '{"version":1}']) {
        writeFileSync(file, content);
        writeFileSync(journalOf(file), journal);
        const attempt = openStateStore(emulatorFor(), file, () => undefined);
        await expect(attempt).rejects.toThrow(StateFileError);
        await expect(attempt).rejects.toThrow(
          new RegExp(`^--state ${file} cannot be loaded: .+\\. The file is left as it is`),
        );
        expect(readFileSync(file, 'utf8')).toBe(content);
        expect(readFileSync(journalOf(file), 'utf8')).toBe(journal);
      }
    }
  });

  it('refuses a journal with a bad line before its last one, or that leads to a broken workspace, and touches neither file', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    await (await openStore(emulator, file)).close();
    const snapshot = readFileSync(file, 'utf8');
    const cases: [string, RegExp][] = [
      ['[]\nnot json\n[]\n', /line 2 is not JSON/],
      ['[{"kind":"user","id":5,"user":{"id":6}}]\n', /line 1\[0\]\.user: belongs to 6, not 5/],
      ['[{"kind":"rename"}]\n', /line 1\[0\]\.kind: must be/],
      [
        '[{"kind":"user","id":12,"user":null}]\n',
        /the state it leads to is not a workspace: owner_id: no user has id 12/,
      ],
    ];
    for (const [journal, problem] of cases) {
      writeFileSync(journalOf(file), journal);
      const attempt = openStateStore(emulatorFor(), file, () => undefined);
      await expect(attempt).rejects.toThrow(problem);
      await expect(attempt).rejects.toThrow(`--state journal ${journalOf(file)} cannot be replayed`);
      expect(readFileSync(file, 'utf8')).toBe(snapshot);
      expect(readFileSync(journalOf(file), 'utf8')).toBe(journal);
    }
  });

  it('refuses a journal whose state file is gone, rather than replay it over the seed', async () => {
    const file = join(newDir(), 's.json');
    writeFileSync(journalOf(file), '[]\n');
    await expect(openStateStore(emulatorFor(), file, () => undefined)).rejects.toThrow(
      /s\.json does not exist, but its journal .* does/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('removes the temporary files of interrupted saves at the start, and only those', async () => {
    const dir = newDir();
    const file = join(dir, 's.json');
    for (const name of ['.s.json.4242.tmp', '.s.json.7.tmp', '.other.json.4242.tmp', 'notes.tmp']) {
      writeFileSync(join(dir, name), 'half a sna');
    }
    const lines: string[] = [];
    await openStore(emulatorFor(), file, (line) => lines.push(line));
    expect(readdirSync(dir).sort()).toEqual(['.other.json.4242.tmp', 'notes.tmp', 's.json', 's.json.journal']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/removed .*\.s\.json\.\d+\.tmp, left by a save that was interrupted/);
  });

  it('compacts while running, once the journal outgrows the snapshot, and replays what came after', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor({ users: 5 });
    const store = await openStore(emulator, file, undefined, 0);
    const snapshotBytes = statSync(file).size;
    for (let i = 0; i < 40; i++) {
      await call(emulator, 'POST', '/users', { json: { user: { email: `compact-${i}@example.com` } } });
      await store.flush();
      expect(statSync(journalOf(file)).size).toBeLessThanOrEqual(statSync(file).size + 2048);
    }
    expect(statSync(file).size).toBeGreaterThan(snapshotBytes); // the snapshot took the journal in
    const copy = crashCopy(file);
    expect(statSync(journalOf(copy)).size).toBeGreaterThan(0); // what came after the last compaction
    expect(await reopened(copy, 5)).toEqual(emulator.exportState());
  });

  it('answers flush() with the error once the journal cannot be written, and close() saves everything anyway', async () => {
    const file = join(newDir(), 's.json');
    const emulator = emulatorFor();
    const lines: string[] = [];
    const store = await openStore(emulator, file, (line) => lines.push(line));
    const probe = await open(join(file, '..', 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    vi.spyOn(fileHandle, 'datasync').mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Unsaved' } } });
    await expect(store.flush()).rejects.toThrow(/cannot be saved to .*s\.json\.journal: ENOSPC/);
    await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: 'Later' } } });
    await expect(store.flush()).rejects.toThrow(/ENOSPC/);
    expect(lines).toEqual([expect.stringContaining('later writes are not saved')]);
    await store.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(emulator.exportState());
  });
});
