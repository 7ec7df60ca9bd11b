// With --state, an acknowledged write is already saved: the server makes it durable (in the state
// file or the journal beside it, which the next start replays) before it answers, so reading what
// the next start would load, the moment a 201 or 204 arrives, finds the change, for writes sent
// one after another and all at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EmulatorServer, startEmulatorServer } from '../../src/emulator/node/server.js';
import { readSavedState } from '../../src/emulator/node/state-store.js';
import { unique } from '../support/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'pachca-durable-'));
const file = join(dir, 'workspace.json');
let server: EmulatorServer;

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    spec: inject('bundledSpec'),
    engine: { users: 10 },
    stateFile: file,
    log: () => undefined,
  });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const createTag = (name: string) =>
  fetch(`${server.url}/group_tags`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
    body: JSON.stringify({ group_tag: { name } }),
  });

/** What a start now would load, as text. */
const saved = async () => JSON.stringify(await readSavedState(file));

describe('--state: a write is saved before it is answered', () => {
  it('one at a time: each 201 finds its tag in the file', async () => {
    for (let i = 0; i < 5; i++) {
      const name = unique('durable');
      expect((await createTag(name)).status).toBe(201);
      expect(await saved()).toContain(name);
    }
  });

  it('fifty at once: every name that got its 201 is in the file as soon as its answer arrives', async () => {
    const names = Array.from({ length: 50 }, () => unique('burst'));
    await Promise.all(
      names.map(async (name) => {
        expect((await createTag(name)).status).toBe(201);
        expect(await saved()).toContain(name);
      }),
    );
  });

  it('a delete (204) is gone from the file when answered', async () => {
    const name = unique('gone');
    const { data } = (await (await createTag(name)).json()) as { data: { id: number } };
    const deleted = await fetch(`${server.url}/group_tags/${data.id}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer test-token' },
    });
    expect(deleted.status).toBe(204);
    expect(await saved()).not.toContain(name);
  });
});
