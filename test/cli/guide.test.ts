// `pachca guide`: every command every workflow shows runs, in its order, against a freshly seeded
// emulator of its own (one per workflow), with its `<placeholders>` filled in, so the guide cannot
// drift from the CLI; and the guide lists, searches (English and Russian) and prints JSON.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS } from '../../src/cli/guide/workflows.js';
import { startEngineServer } from '../support/engine-server.js';
import { CLI_TEST_TIMEOUT_MS, runInProcess, tempDir } from './run-cli.js';
import { expand, shellWords } from './shell-words.js';

/** A 1×1 PNG for the avatar workflow. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** What a reader would put in each `<placeholder>`: seeded ids the owner's token may change. */
function placeholders(dir: string): Record<string, string> {
  const avatar = join(dir, 'avatar.png');
  writeFileSync(avatar, PNG);
  // User 21 is a plain seeded user (not the owner), tag 9111 is Backend.
  return { user_id: '21', tag_id: '9111', путь_к_файлу: avatar };
}

function fill(command: string, values: Record<string, string>, where: string): string {
  return command.replace(/<([^>\s]+)>/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${where}: no value for <${name}> in this test`);
    return value;
  });
}

describe.concurrent('every workflow of pachca guide runs against a seeded emulator', { timeout: 60_000 }, () => {
  for (const workflow of WORKFLOWS) {
    it(`${workflow.id}: ${workflow.title}`, async ({ onTestFinished }) => {
      const emulator = await startEngineServer();
      onTestFinished(() => emulator.close());
      const dir = tempDir();
      // One private config dir for the whole workflow: a login in step 1 is seen by step 2.
      const env = {
        HOME: dir,
        XDG_CONFIG_HOME: join(dir, '.config'),
        PACHCA_TOKEN: 'test-token',
        PACHCA_BASE_URL: emulator.url,
      };
      const values = placeholders(dir);
      expect(workflow.steps.length).toBeGreaterThan(0);
      for (const [i, step] of workflow.steps.entries()) {
        const where = `guide ${workflow.id}, step ${i + 1}`;
        const words = shellWords(expand(fill(step.command, values, where), env));
        expect(words[0], `${where}: a step is one pachca command`).toBe('pachca');
        const run = await runInProcess(words.slice(1), { env });
        expect(run.code, `${where}: \`${step.command}\` exited ${run.code}\n${run.stderr}`).toBe(0);
      }
      expect(await emulator.violations(), 'answers that break the spec').toEqual([]);
    });
  }
});

describe.concurrent('pachca guide', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('without a query, lists every workflow grouped by area, on a terminal', async () => {
    const run = await runInProcess(['guide'], { terminal: { columns: 120 } });
    expect(run.code, run.stderr).toBe(0);
    const headings = run.stdout.split('\n').filter((line) => /^\S.* · /.test(line));
    expect(headings).toEqual([
      'Getting started · Начало работы',
      'Your profile · Свой профиль',
      'Employees · Сотрудники',
      'Group tags · Теги сотрудников',
      'Statuses · Статусы',
    ]);
    for (const workflow of WORKFLOWS)
      expect(run.stdout).toMatch(new RegExp(`^  ${workflow.id} +${workflow.title}`, 'm'));
  });

  it('finds the same workflows by an English or a Russian word, and -o json prints them as data', async () => {
    const [english, russian, json] = await Promise.all([
      runInProcess(['guide', 'status', '-o', 'json']),
      runInProcess(['guide', 'статус', '-o', 'json']),
      runInProcess(['guide', 'сотрудник', 'тег']),
    ]);
    const ids = (run: typeof english) => run.json<{ id: string }[]>().map((workflow) => workflow.id);
    expect(ids(english)).toEqual(['set-status', 'reset-status', 'user-status']);
    expect(ids(russian)).toEqual(ids(english));
    // Piped, JSON is the default, as for every command; every word must match.
    expect(ids(json)).toEqual(['bulk-create', 'tag-members']);
    expect(json.json()[1]).toEqual({
      id: 'tag-members',
      area: 'Group tags',
      area_ru: 'Теги сотрудников',
      title: "A tag's members",
      title_ru: 'Все сотрудники тега',
      steps: [
        { text: expect.any(String), command: 'pachca group-tags list --names=Backend' },
        { text: expect.any(String), command: 'pachca group-tags list-users <tag_id> --all' },
      ],
      note: expect.any(String),
    });
  });

  it('shows one workflow in full by its id, and says when nothing matches', async () => {
    const [one, none] = await Promise.all([
      runInProcess(['guide', 'offboard'], { terminal: { columns: 120 } }),
      runInProcess(['guide', 'payroll', '-o', 'json']),
    ]);
    expect(one.stdout).toContain('Offboard an employee · Отключить уволенного сотрудника  (pachca guide offboard)');
    expect(one.stdout).toContain('     $ pachca users update <user_id> --suspended\n');
    expect(one.stdout).toContain('     $ pachca users delete <user_id> --force\n');
    expect(none.code).toBe(0);
    expect(none.json()).toEqual([]);
    expect(none.stderr).toBe('No workflow matches "payroll": `pachca guide` lists them all.\n');
  });
});
