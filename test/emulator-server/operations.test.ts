// Every operation of the generated table, driven against the shared emulator by the SDK and by the
// built CLI (spawned, private config directory), each on resources of its own: a fresh user or tag
// for each call that names one, unique emails and tag names in the spec's example bodies. Then a
// walk over the whole seeded user list with `users.listAll()` and with `users list --all`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { operations as table, type OperationId } from '../../generated/operations.js';
import type { OperationRow } from '../../src/core/operation.js';
import { routeOf } from '../../src/core/operation.js';
import { sdkQueryName } from '../../src/core/names.js';
import { CLI_TEST_TIMEOUT_MS, runCli, tempDir } from '../cli/run-cli.js';
import { commandLines, shellWords } from '../cli/shell-words.js';
import { call, emulatorClient, emulatorUrl, OWNER_TOKEN, unique, violations } from '../support/emulator.js';
import { exampleOf, PNG, requestExample } from '../support/sdk-calls.js';
import { specOperations } from '../support/spec.js';

const SEEDED_USERS = 120;
const specById = new Map(specOperations().map((op) => [op.operationId, op]));
// Widened to the row type: optional flags are then readable on every row.
const operations: Record<OperationId, OperationRow> = table;
const ids = Object.keys(operations) as OperationId[];

/** A fresh resource for the first path segment of `path` (users or group tags). */
async function freshResource(path: string): Promise<number> {
  const isTag = path.startsWith('/group_tags');
  const body = isTag
    ? { group_tag: { name: unique('ops-tag') } }
    : { user: { email: `${unique('ops')}@example.com`, first_name: 'Ops' }, skip_email_notify: true };
  const response = await call(isTag ? '/group_tags' : '/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`creating a resource for ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { id: number } }).data.id;
}

/** The spec's example with each email and tag name made unique, so calls do not collide. */
function uniqueBody(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => uniqueBody(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, uniqueBody(v, k)]));
  }
  if (key === 'email') return `${unique('ops')}@example.com`;
  if (key === 'name') return unique(String(value));
  return value;
}

/** Tag names the examples assign with list_tags: created once, so the examples hold. */
function exampleTagNames(): string[] {
  const names = new Set<string>();
  const collect = (value: unknown, key = ''): void => {
    if (key === 'list_tags' && Array.isArray(value)) for (const name of value) names.add(String(name));
    else if (Array.isArray(value)) for (const item of value) collect(item);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  for (const id of ids) if (operations[id].body === 'json') collect(requestExample(specById.get(id)!));
  for (const command of cliCommands) {
    for (const word of shellWords(commandLines(command.example)[0]!)) {
      const list = /^--list-tags=(.*)$/.exec(word)?.[1];
      for (const name of list?.split(',') ?? []) names.add(name);
    }
  }
  return [...names];
}

beforeAll(async () => {
  for (const name of exampleTagNames()) {
    const response = await call(`/group_tags?names[]=${encodeURIComponent(name)}`);
    const { data } = (await response.json()) as { data: unknown[] };
    if (data.length > 0) continue;
    const created = await call('/group_tags', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group_tag: { name } }),
    });
    // Another run may have created it meanwhile: `taken` is as good.
    expect([201, 400, 422]).toContain(created.status);
  }
});

describe('the SDK drives every operation', () => {
  const client = emulatorClient();

  it.each(ids)('%s', async (id) => {
    const row = operations[id];
    const op = specById.get(id)!;
    const { path, params } = routeOf(row);
    const args: unknown[] = [];
    for (const _ of params) args.push(await freshResource(path));
    if (row.body === 'multipart') args.push(new Blob([PNG], { type: 'image/png' }));
    if (row.body === 'json') {
      const body = uniqueBody(requestExample(op)) as Record<string, unknown>;
      args.push(row.bodyKey ? body[row.bodyKey] : body);
    }
    // Every query parameter but the cursor, which only the emulator can make.
    const query = (row.query ?? []).filter((name) => name !== 'cursor');
    if (query.length > 0) args.push(Object.fromEntries(query.map((name) => [sdkQueryName(name), exampleOf(op, name)])));
    const [resource, method] = row.sdk.split('.') as [string, string];
    const group = (client as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[
      resource
    ]!;
    const result = await group[method]!(...args);
    if (row.success === 204) expect(result).toBeUndefined();
    else expect(result).not.toBeUndefined();
  });

  it('users.listAll() walks the whole seeded list, no one twice', async () => {
    const users = await client.users.listAll({ limit: 50 });
    const userIds = users.map((u) => u.id);
    expect(new Set(userIds).size).toBe(userIds.length);
    expect(userIds.length).toBeGreaterThanOrEqual(SEEDED_USERS);
    expect(users[0]).toMatchObject({ id: 12, first_name: 'Oleg', last_name: 'Petrov' });
  });
});

describe('the CLI drives every operation', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const avatar = join(tempDir(), 'avatar.png');
  writeFileSync(avatar, PNG);
  const cli = (args: string[]) =>
    runCli(['--base-url', emulatorUrl(), ...args], { env: { PACHCA_TOKEN: OWNER_TOKEN } });

  it('has a command for every operation of the table', () => {
    expect(cliCommands.map((c) => c.operationId).sort()).toEqual([...ids].sort());
  });

  it.concurrent.each(cliCommands.map((c) => [c.operationId, c] as const))('%s', async (id, command) => {
    const words = shellWords(commandLines(command.example)[0]!).slice(1);
    const argumentsAt = command.words.length;
    for (let i = 0; i < command.arguments.length; i++) {
      words[argumentsAt + i] = String(await freshResource(operations[id].route.split(' ')[1]!));
    }
    const args = words.map((word) => {
      if (word === '--file=./avatar.png') return `--file=${avatar}`;
      const flag = /^--(email|name)=(.*)$/.exec(word);
      if (flag?.[1] === 'email') return `--email=${unique('cli')}@example.com`;
      if (flag?.[1] === 'name') return `--name=${unique(flag[2]!)}`;
      return word;
    });
    const run = await cli(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    if (operations[id].success === 204) expect(run.stdout).toBe('');
    else expect(() => run.json()).not.toThrow();
  });

  it('users list --all prints the whole seeded list as one array, no one twice', async () => {
    const run = await cli(['users', 'list', '--all', '--limit=50']);
    expect(run.code).toBe(0);
    const users = run.json<{ id: number }[]>();
    expect(users.length).toBeGreaterThanOrEqual(SEEDED_USERS);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
  });
});

describe("the server's spec check", () => {
  it('found no violation in anything the emulator sent', async () => {
    expect(await violations()).toEqual([]);
  });
});
