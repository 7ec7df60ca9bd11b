// No acknowledged write is lost: `pachca emulator --state` (the packed bin) in a process group of
// its own (as `npm run mock` runs it), 200 parallel POST /users, and a signal while they are answered: SIGTERM
// twice to the group (npm forwards the group's signal, so the server gets it twice), SIGINT,
// SIGHUP, and SIGKILL. After each, the next start must hold every user that got its 201; a clean
// stop exits 0 and leaves only the state file, and no temporary file survives a start.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkspaceState } from '../../src/emulator/index.js';
import { killGroup, spawnGroup } from '../support/process-group.js';

const WRITES = 200;
/** The signal goes out once this many creates have been acknowledged: the rest are still in flight. */
const KILL_AFTER = 60;

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

const dir = mkdtempSync(join(tmpdir(), 'pachca-durable-'));
const file = join(dir, 's.json');
const acknowledged = new Map<number, string>();
const servers: Server[] = [];

async function startServer(): Promise<Server> {
  const { child, output } = spawnGroup(process.execPath, [
    inject('cliPath'),
    'emulator',
    '--port',
    '0',
    '--state',
    file,
  ]);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const port = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = /^Pachca emulator: http:\/\/127\.0\.0\.1:(\d+)$/m.exec(output());
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout?.on('data', check);
    exited.then(([code]) => reject(new Error(`the server exited (code ${code}) before it served:\n${output()}`)));
  });
  const server = { url: `http://127.0.0.1:${port}`, child, output, exited };
  servers.push(server);
  return server;
}

let serial = 0;
/** WRITES creates at once; `kill` runs once KILL_AFTER of them are acknowledged. Records each 201. */
async function burstThenKill(server: Server, kill: (pgid: number) => void): Promise<number> {
  const round = ++serial;
  let answered = 0;
  let killed = false;
  const create = async (i: number) => {
    const email = `durable-${round}-${i}@example.com`;
    const response = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email }, skip_email_notify: true }),
    });
    if (response.status !== 201) return;
    const { data } = (await response.json()) as { data: { id: number } };
    acknowledged.set(data.id, email);
    answered++;
    if (answered >= KILL_AFTER && !killed) {
      killed = true;
      kill(server.child.pid as number);
    }
  };
  await Promise.allSettled(Array.from({ length: WRITES }, (_, i) => create(i)));
  expect(killed).toBe(true);
  return answered;
}

/** The next start's workspace holds every user that was ever acknowledged, as it was answered. */
async function expectEveryAcknowledgedWrite(): Promise<Server> {
  const next = await startServer();
  const state = (await (await fetch(`${next.url}/__emulator/state`)).json()) as WorkspaceState;
  const emails = new Map(state.users.map((user) => [user.id, user.email]));
  const missing = [...acknowledged].filter(([id, email]) => emails.get(id) !== email);
  expect(missing).toEqual([]);
  expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  return next;
}

describe('--state keeps every acknowledged write through signals and SIGKILL', { timeout: 30_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => {
    for (const { child } of servers) killGroup(child);
  });

  const cleanStops: [string, (pgid: number) => void][] = [
    [
      'SIGTERM twice to the process group (as npm forwards it)',
      (pgid) => {
        process.kill(-pgid, 'SIGTERM');
        process.kill(-pgid, 'SIGTERM');
      },
    ],
    ['SIGINT (Ctrl-C)', (pgid) => process.kill(-pgid, 'SIGINT')],
    ['SIGHUP (the terminal closed)', (pgid) => process.kill(-pgid, 'SIGHUP')],
  ];
  it.each(cleanStops)('%s: exit code 0, only the state file left, every 201 kept', async (_, kill) => {
    const answered = await burstThenKill(server, kill);
    expect(await server.exited, server.output()).toEqual([0, null]);
    expect(readdirSync(dir)).toEqual(['s.json']);
    server = await expectEveryAcknowledgedWrite();
    expect(answered).toBeGreaterThanOrEqual(KILL_AFTER);
  });

  it('SIGKILL in the middle of the writes: the journal is replayed, every 201 kept', async () => {
    await burstThenKill(server, (pgid) => process.kill(-pgid, 'SIGKILL'));
    expect(await server.exited).toEqual([null, 'SIGKILL']);
    server = await expectEveryAcknowledgedWrite();
    process.kill(-(server.child.pid as number), 'SIGTERM');
    expect(await server.exited).toEqual([0, null]);
    expect(readdirSync(dir)).toEqual(['s.json']);
  });
});
