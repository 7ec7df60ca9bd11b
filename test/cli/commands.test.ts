// Every operation's command, run as a user would (the bundled binary, spawned) against the Prism
// mock (which rejects requests the spec does not allow), with the JSON output parsed and checked
// against the spec's examples. The other output formats are checked in-process against the mock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { operations } from '../../generated/operations.js';
import { CLI_TEST_TIMEOUT_MS, runAgainstMock, runInProcess, tempDir, type CliRun } from './run-cli.js';

const avatar = join(tempDir(), 'avatar.png');
// The first bytes of a PNG are all the mock looks at: a part named `image`.
writeFileSync(avatar, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

interface Case {
  args: string[];
  check(run: CliRun): void;
}

const isUser = (user: any) => {
  expect(typeof user.id).toBe('number');
  expect(user).toHaveProperty('list_tags');
  expect(user).toHaveProperty('custom_properties');
};
const isStatus = (status: any) => expect(status).toMatchObject({ emoji: expect.any(String), title: expect.any(String) });
const isTag = (tag: any) => expect(tag).toMatchObject({ id: expect.any(Number), name: expect.any(String), users_count: expect.any(Number) });
const isPage = (page: any) => {
  expect(Array.isArray(page.data)).toBe(true);
  expect(page.meta.paginate).toHaveProperty('next_page');
};
const printsNothing = (run: CliRun) => expect(run.stdout).toBe('');

/** Keyed by the command words; one entry per operation in the spec. */
const CASES: Record<string, Case> = {
  'profile get': { args: [], check: (run) => expect(run.json()).toMatchObject({ id: 12, first_name: 'Oleg' }) },
  'profile get-info': {
    args: [],
    check: (run) => expect(run.json()).toMatchObject({ user_id: 12, scopes: expect.arrayContaining(['profile:read']) }),
  },
  'profile get-status': { args: [], check: (run) => isStatus(run.json()) },
  'profile update-status': {
    args: ['--emoji=🏖️', '--title=В отпуске', '--is-away', '--away-message=Я в отпуске до 10 марта', '--expires-at=2025-03-10T23:59:59.000Z'],
    check: (run) => isStatus(run.json()),
  },
  'profile delete-status': { args: ['--force'], check: printsNothing },
  'profile update-avatar': { args: [`--file=${avatar}`], check: (run) => expect(run.json().image_url).toMatch(/^https:/) },
  'profile delete-avatar': { args: ['--force'], check: printsNothing },
  'common custom-properties': {
    args: ['--entity-type=User'],
    check: (run) => {
      const properties = run.json();
      expect(properties.length).toBeGreaterThan(0);
      for (const p of properties) expect(p).toMatchObject({ id: expect.any(Number), name: expect.any(String), data_type: expect.any(String) });
    },
  },
  'group-tags list': {
    args: ['--names=["Backend"]'],
    check: (run) => {
      const page = run.json();
      isPage(page);
      page.data.forEach(isTag);
    },
  },
  'group-tags create': { args: ['--name=Backend'], check: (run) => isTag(run.json()) },
  'group-tags get': { args: ['9111'], check: (run) => expect(run.json()).toMatchObject({ id: 9111, name: 'Backend' }) },
  'group-tags update': { args: ['9111', '--name=Backend team'], check: (run) => isTag(run.json()) },
  'group-tags delete': { args: ['9111', '--force'], check: printsNothing },
  'group-tags list-users': {
    args: ['9111', '--all'],
    // --all prints every item as one array (no page meta).
    check: (run) => {
      const users = run.json();
      expect(Array.isArray(users)).toBe(true);
      users.forEach(isUser);
    },
  },
  'users list': {
    args: ['--query=Иван', '--limit=10'],
    check: (run) => {
      const page = run.json();
      isPage(page);
      page.data.forEach(isUser);
    },
  },
  'users create': {
    args: ['--first-name=Иван', '--last-name=Петров', '--email=ivan@example.com', '--list-tags=[{"name":"Backend"}]', '--skip-email-notify'],
    check: (run) => isUser(run.json()),
  },
  'users get': { args: ['12'], check: (run) => expect(run.json()).toMatchObject({ id: 12, nickname: 'olegp' }) },
  'users update': { args: ['12', '--suspended', '--list-tags=Backend,QA'], check: (run) => isUser(run.json()) },
  'users delete': { args: ['12', '--force'], check: printsNothing },
  'users update-avatar': { args: ['12', '--file', avatar], check: (run) => expect(run.json().image_url).toMatch(/^https:/) },
  'users delete-avatar': { args: ['12', '--force'], check: printsNothing },
  'users get-status': { args: ['12'], check: (run) => isStatus(run.json()) },
  'users update-status': { args: ['12', '--emoji=🏖️', '--title=В отпуске', '--is-away'], check: (run) => isStatus(run.json()) },
  'users remove-status': { args: ['12', '--force'], check: printsNothing },
};

describe('a command for every operation', () => {
  it('has a case here for each command generated from the spec', () => {
    expect(Object.keys(CASES).sort()).toEqual(cliCommands.map((c) => c.words.join(' ')).sort());
    expect(cliCommands).toHaveLength(Object.keys(operations).length);
  });

  describe.concurrent('the binary against the mock', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
    for (const [command, { args, check }] of Object.entries(CASES)) {
      it(`pachca ${command}`, async () => {
        const run = await runAgainstMock([...command.split(' '), ...args]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        check(run);
      });
    }
  });

  describe.concurrent('output formats, in-process against the mock', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
    const inProcess = (args: string[]) => runAgainstMock(args, {}, runInProcess);

    it('prints null for a status that is not set', async () => {
      const run = await inProcess(['users', 'get-status', '12', '-H', 'Prefer: example=none']);
      expect(run.code).toBe(0);
      expect(run.json()).toBeNull();
    });

    it('prints YAML with -o yaml and a table with -o table', async () => {
      const [yaml, table] = await Promise.all([
        inProcess(['group-tags', 'get', '9111', '-o', 'yaml']),
        inProcess(['group-tags', 'list', '-o', 'table']),
      ]);
      expect(yaml.stdout).toContain('name: Backend\n');
      expect(table.stdout.split('\n')[0]).toMatch(/^id\s+name\s+users_count$/);
      expect(table.stdout).toMatch(/^9111\s+Backend\s+6$/m);
    });

    it('prints a table by default on a terminal', async () => {
      const run = await runAgainstMock(['group-tags', 'get', '9111'], { terminal: { columns: 100 } }, runInProcess);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^id\s+9111$/m);
      expect(run.stdout).toMatch(/^name\s+Backend$/m);
    });

    it('prints a list as CSV with -o csv', async () => {
      const run = await inProcess(['group-tags', 'list', '-o', 'csv']);
      const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
      expect(header).toBe('id,name,users_count');
      expect(rows).toContain('9111,Backend,6');
    });
  });
});
