// `npm run mock` as a process: the banner of each mode, clear errors for bad flags, `--state`
// surviving a restart (and refusing a corrupt file without touching it), and `--rate-limit`.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMULATOR_TOKENS } from '../../src/emulator/index.js';
import { unique } from '../support/emulator.js';
import { failedMock, startMockProcess, type MockProcess } from './mock-process.js';

const PROCESS_TIMEOUT_MS = 90_000;
const owner = { authorization: 'Bearer test-token' };
const started: MockProcess[] = [];
afterAll(async () => {
  for (const mock of started) if (mock.child.exitCode === null) await mock.stop();
});

async function start(args: string[]): Promise<MockProcess> {
  const mock = await startMockProcess(args);
  started.push(mock);
  return mock;
}

const createTag = (url: string, name: string) =>
  fetch(`${url}/group_tags`, {
    method: 'POST',
    headers: { ...owner, 'content-type': 'application/json' },
    body: JSON.stringify({ group_tag: { name } }),
  });

const tagNamed = async (url: string, name: string) => {
  const response = await fetch(`${url}/group_tags?names[]=${encodeURIComponent(name)}`, { headers: owner });
  return ((await response.json()) as { data: { name: string }[] }).data;
};

describe('npm run mock', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('serves the emulator by default and says so: tokens, control URL, what is not implemented', async () => {
    const mock = await start(['--users', '30', '--rate-limit', '1000']);
    const output = mock.output();
    expect(output).toContain(`Mock server (the emulator behind Prism): ${mock.url}`);
    expect(output).toMatch(/Mode: emulator, a stateful workspace of 30 users \(seed 1\)/);
    expect(output).toContain('--examples, --dynamic');
    for (const [token, who] of Object.entries(EMULATOR_TOKENS))
      expect(output).toMatch(new RegExp(`${token}\\s+${who.replace(/[()]/g, '\\$&')}`));
    expect(output).toContain(`Control: ${mock.url}/__emulator/`);
    expect(output).toMatch(/Not implemented \(they answer their spec examples\): \S/);
    expect(output).toContain('Rate limit: 1000 requests per second per token');
    expect(output).toContain(`Try: curl -H "Authorization: Bearer test-token" ${mock.url}/profile`);
    const profile = await fetch(`${mock.url}/profile`, { headers: owner });
    expect(((await profile.json()) as { data: { first_name: string } }).data.first_name).toBe('Oleg');
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

  it.each([
    [['--users', '0'], '--users must be a whole number from 1 to 10,000, got "0"'],
    [['--users', '10001'], '--users must be a whole number from 1 to 10,000, got "10001"'],
    [['--seed', 'abc'], '--seed must be a whole number'],
    [['--rate-limit', '0'], '--rate-limit must be a whole number from 1'],
    [['--examples', '--dynamic'], 'choose one of --examples and --dynamic'],
    [['--dynamic', '--users', '5'], '--users is an emulator flag; --dynamic serves Prism'],
  ])('%j is one clear line and a non-zero exit', async (args, message) => {
    const { code, output } = await failedMock(args);
    expect(code).not.toBe(0);
    expect(output).toContain(`mock: ${message}`);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('npm run mock -- --state FILE', { timeout: PROCESS_TIMEOUT_MS }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pachca-state-'));

  it('creates a missing file from the seed and keeps a write across a restart', async () => {
    const file = join(dir, 'workspace.json');
    const first = await start(['--users', '20', '--state', file]);
    expect(first.output()).toContain(`State file: ${file}`);
    expect(existsSync(file)).toBe(true);
    const name = unique('kept');
    expect((await createTag(first.url, name)).status).toBe(201);
    expect(await first.stop()).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(name);

    const second = await start(['--users', '20', '--state', file]);
    expect(await tagNamed(second.url, name)).toEqual([expect.objectContaining({ name })]);
    expect(await second.stop()).toBe(0);
  });

  it.each([
    ['not JSON', '{"version": 1, "users": ['],
    ['a document of another shape', JSON.stringify({ version: 99 })],
  ])('refuses a corrupt file (%s) with a clear message and leaves it untouched', async (_, content) => {
    const file = join(dir, `corrupt-${unique('f')}.json`);
    writeFileSync(file, content);
    const { code, output } = await failedMock(['--state', file]);
    expect(code).not.toBe(0);
    expect(output).toContain(`mock: --state ${file} cannot be loaded: `);
    expect(output).toContain('The file is left as it is');
    expect(output).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});

describe('npm run mock -- --rate-limit N', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('answers 429 with Retry-After past N requests per second per token', async () => {
    const mock = await start(['--users', '20', '--rate-limit', '3']);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${mock.url}/profile`, { headers: owner })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const response of limited) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(0);
    // Another token has its own budget.
    const other = await fetch(`${mock.url}/profile`, { headers: { authorization: 'Bearer user-token' } });
    expect(other.status).toBe(200);
    expect(await mock.stop()).toBe(0);
  });
});
