// `npm run mock` as a process: the banner of each mode, a clear error for a bad flag, `--state`
// saving every write for the next start (and refusing a corrupt file without touching it), and
// `--rate-limit`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMockMode } from '../../scripts/lib/mock-modes.js';
import { openStateStore } from '../../src/emulator/node/state-store.js';
import { createEmulator, EMULATOR_TOKENS } from '../../src/emulator/index.js';
import { unique } from '../support/emulator.js';
import { failedMock, startMockProcess, type MockProcess } from './mock-process.js';

const PROCESS_TIMEOUT_MS = 90_000;
const owner = { authorization: 'Bearer test-token' };
const started: MockProcess[] = [];
afterAll(async () => {
  for (const mock of started) if (mock.child.exitCode === null) await mock.stop();
});

async function start(args: string[], options?: { viaNpm: boolean }): Promise<MockProcess> {
  const mock = await startMockProcess(args, options);
  started.push(mock);
  return mock;
}

const createTag = (url: string, name: string) =>
  fetch(`${url}/group_tags`, {
    method: 'POST',
    headers: { ...owner, 'content-type': 'application/json' },
    body: JSON.stringify({ group_tag: { name } }),
  });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm run mock', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('serves the emulator by default, and its banner says so: tokens, control URL, what is not implemented; --rate-limit answers 429 with Retry-After', async () => {
    const mock = await start(['--users', '30', '--rate-limit', '3'], { viaNpm: true });
    const output = mock.output();
    expect(output).toContain(`Mock server (the emulator): ${mock.url}`);
    expect(output).toMatch(/Mode: emulator, a stateful workspace of 30 users \(seed 1\)/);
    expect(output).toContain('--examples, --dynamic');
    for (const [token, who] of Object.entries(EMULATOR_TOKENS)) {
      expect(output).toMatch(new RegExp(`${token}\\s+${escapeRegExp(who)}`));
    }
    expect(output).toContain(`Control: ${mock.url}/__emulator/`);
    expect(output).toMatch(/Not implemented \(they answer their spec examples\): \S/);
    expect(output).toContain('Rate limit: 3 requests per second per token');
    expect(output).toContain(`Try: curl -H "Authorization: Bearer test-token" ${mock.url}/profile`);

    const responses = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${mock.url}/profile`, { headers: owner })),
    );
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    expect(ok.length + limited.length).toBe(12);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const response of limited) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await ok[0]!.json()) as { data: { first_name: string } }).data.first_name).toBe('Oleg');
    // Another token has a budget of its own.
    expect((await fetch(`${mock.url}/profile`, { headers: { authorization: 'Bearer user-token' } })).status).toBe(200);
    expect(await mock.stop()).toBe(0);
  });

  it("--examples serves Prism's example mock, and says so", async () => {
    const mock = await start(['--examples']);
    expect(mock.output()).toContain(`Mock server (Prism, answers with the spec's examples): ${mock.url}`);
    expect(mock.output()).toContain('Mode: --examples');
    expect(mock.output()).not.toContain('__emulator');
    // The example mock keeps nothing: a created tag is the example's, whatever name was sent.
    const created = (await (await createTag(mock.url, unique('qa'))).json()) as { data: { name: string } };
    expect(created.data.name).toBe('Backend');
    expect(await mock.stop()).toBe(0);
  });

  it('a bad flag value is one clear line and a non-zero exit', async () => {
    const { code, output } = await failedMock(['--users', '10001']);
    expect(code).toBe(1);
    expect(output.trim()).toBe('mock: --users must be a whole number from 1 to 10,000, got "10001"');
  });

  it.each([
    [{ users: '0' }, '--users must be a whole number from 1 to 10,000, got "0"'],
    [{ users: '12.5' }, '--users must be a whole number from 1 to 10,000, got "12.5"'],
    [{ seed: 'abc' }, '--seed must be a whole number from 0 to 9,007,199,254,740,991, got "abc"'],
    [{ 'rate-limit': '0' }, '--rate-limit must be a whole number from 1 to 1,000,000, got "0"'],
    [{ state: '' }, '--state needs a file name'],
    [{ examples: true, dynamic: true }, 'choose one of --examples and --dynamic'],
    [
      { dynamic: true, users: '5' },
      "--users is an emulator flag; --dynamic serves Prism's mock, which keeps no workspace",
    ],
  ])('refuses %j: %s', (values, message) => {
    expect(() => readMockMode(values)).toThrow(message);
  });
});

describe('npm run mock -- --state FILE', { timeout: PROCESS_TIMEOUT_MS }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-state-'));

  it('creates a missing file from the seed and saves every write there', async () => {
    const file = join(dir, 'workspace.json');
    const mock = await start(['--users', '20', '--state', file]);
    expect(mock.output()).toContain(`State file: ${file}`);
    expect(existsSync(file)).toBe(true);
    const name = unique('kept');
    expect((await createTag(mock.url, name)).status).toBe(201);
    expect(await mock.stop()).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(name);

    // What the next start does with the file: the same loader.
    const next = createEmulator({ users: 20 });
    const state = await openStateStore(next, file, () => undefined);
    const tags = await next.handle(
      new Request(`http://emulator/group_tags?names[]=${encodeURIComponent(name)}`, { headers: owner }),
    );
    expect(((await tags.json()) as { data: { name: string }[] }).data).toEqual([expect.objectContaining({ name })]);
    await state.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // no temporary file left behind
  });

  it('refuses a corrupt file with a clear message, before serving, and leaves it untouched', async () => {
    const file = join(dir, 'corrupt.json');
    const content = '{"version": 1, "users": [';
    writeFileSync(file, content);
    const { code, output } = await failedMock(['--state', file]);
    expect(code).toBe(1);
    expect(output).toMatch(
      new RegExp(`^mock: --state ${escapeRegExp(file)} cannot be loaded: .+\\. The file is left as it is`),
    );
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses a JSON document that is not a workspace, naming the problem, and leaves it untouched', async () => {
    const file = join(dir, 'other-shape.json');
    const content = JSON.stringify({ version: 99 });
    writeFileSync(file, content);
    const emulator = createEmulator({ users: 5 });
    await expect(openStateStore(emulator, file, () => undefined)).rejects.toThrow(
      new RegExp(`^--state ${escapeRegExp(file)} cannot be loaded: .*version`),
    );
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
