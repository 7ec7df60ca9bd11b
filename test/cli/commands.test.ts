// Every operation's command, as a user pastes its example, against the Prism mock (which rejects
// requests the spec does not allow), with the JSON output parsed and checked against the spec's
// examples. Each runs in-process (the same `main` the binary runs); the bundled binary itself is
// spawned for one command of each kind (a read, an upload from a file, a 204), which is what only
// a real process proves. The other output formats are checked in-process against the mock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { successStatus } from '../../scripts/lib/operation-table.js';
import type { Operation } from '../../scripts/lib/spec.js';
import { specOperations } from '../support/spec.js';
import { CLI_TEST_TIMEOUT_MS, runAgainstMock, runCli, runInProcess, tempDir } from './run-cli.js';
import { commandLines, shellWords } from './shell-words.js';

const avatar = join(tempDir(), 'avatar.png');
// The first bytes of a PNG are all the mock looks at: a part named `image`.
writeFileSync(avatar, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

const operations = new Map(specOperations().map((op) => [op.operationId, op]));

/** What the mock answers by default, as the CLI prints it: single objects unwrapped, pages whole. */
function expectedOutput(op: Operation): unknown {
  const status = successStatus(op);
  const example = Object.values(op.responses[String(status)]?.content?.['application/json']?.examples ?? {})[0]?.value;
  return op['x-paginated'] ? example : (example as { data: unknown }).data;
}

describe('a command for every operation', () => {
  it('has a command for each operation of the spec', () => {
    expect(cliCommands.map((c) => c.operationId).sort()).toEqual([...operations.keys()].sort());
  });

  /** Runs a command's example (its --help example and docs sample), first line, as a user pastes it. */
  async function expectExampleWorks(command: (typeof cliCommands)[number], run: typeof runInProcess) {
    const op = operations.get(command.operationId)!;
    const words = shellWords(commandLines(command.example)[0]!).map((word) => word.replace('./avatar.png', avatar));
    const result = await runAgainstMock(words.slice(1), {}, run);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (successStatus(op) === 204) expect(result.stdout).toBe('');
    else expect(result.json()).toEqual(expectedOutput(op));
  }

  describe.concurrent('each example against the mock', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
    for (const command of cliCommands) {
      it(`pachca ${command.words.join(' ')}`, () => expectExampleWorks(command, runInProcess));
    }
  });

  describe.concurrent('the bundled binary, spawned', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
    // One of each kind: a read with a path id, an upload read from a file, and an empty 204.
    const kinds = [
      cliCommands.find((c) => c.operationId === 'getUser'),
      cliCommands.find((c) => operations.get(c.operationId)?.requestBody?.content?.['multipart/form-data']),
      cliCommands.find((c) => successStatus(operations.get(c.operationId)!) === 204),
    ];
    for (const command of kinds) {
      if (!command) throw new Error('the spec lost a read, an upload or a 204: pick the kinds again');
      it(`pachca ${command.words.join(' ')}`, () => expectExampleWorks(command, runCli));
    }

    it('pachca group-tags list-users --all prints every item as one array', async () => {
      const run = await runAgainstMock(['group-tags', 'list-users', '9111', '--all']);
      expect(run.code).toBe(0);
      expect(run.json()).toEqual((expectedOutput(operations.get('listGroupTagUsers')!) as { data: unknown[] }).data);
    });
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
