// `pachca completion bash|zsh|fish`: each script loads in its shell (where the shell is installed;
// .ci/run installs all three) and completes what the command table holds: groups, their
// operations, flags and enum values, all derived from the table rather than written out here.
// Each shell starts once per test and answers every query in that one run. Profile names after
// -p/--profile come from the saved config at completion time, through the real binary.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, inject } from 'vitest';
import { cliCommands, cliGroups } from '../../generated/cli-commands.js';
import { CLI_TEST_TIMEOUT_MS, runInProcess, tempDir } from './run-cli.js';

const run = promisify(execFile);
const installed = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const SEPARATOR = '--end--';

async function script(shell: string): Promise<string> {
  const result = await runInProcess(['completion', shell]);
  expect(result.code, result.stderr).toBe(0);
  const file = join(tempDir(), `pachca.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

/** A config dir with profiles `work` and `staging-bot`, and a `pachca` function that runs the real binary with it. */
function withProfiles(): { env: NodeJS.ProcessEnv; prelude: string } {
  const xdg = tempDir();
  mkdirSync(join(xdg, 'pachca'));
  const profile = { token: 'completion-token-0123456789', baseUrl: 'http://127.0.0.1:9' };
  writeFileSync(
    join(xdg, 'pachca', 'config.json'),
    JSON.stringify({ defaultProfile: 'work', profiles: { work: profile, 'staging-bot': profile } }),
  );
  const binary = `${quote(process.execPath)} ${quote(inject('cliPath'))}`;
  return {
    env: { ...process.env, XDG_CONFIG_HOME: xdg },
    prelude: `function pachca; ${binary} $argv; end`,
  };
}
const posixFunction = () => `pachca() { ${quote(process.execPath)} ${quote(inject('cliPath'))} "$@"; }`;

/** Runs `lines` (each printing one query's answers) in one shell and splits the answers per query. */
async function answers(
  shell: string,
  file: string,
  lines: string[],
  options: { prelude?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string[][]> {
  const { stdout } = await run(
    shell,
    [
      '-c',
      [options.prelude ?? '', `source ${quote(file)}`, ...lines.map((line) => `${line}; echo ${SEPARATOR}`)].join('\n'),
    ],
    options.env ? { env: options.env } : {},
  );
  return stdout
    .split(`${SEPARATOR}\n`)
    .slice(0, -1)
    .map((block) =>
      block
        .split('\n')
        .filter(Boolean)
        .map((entry) => entry.split('\t')[0]!),
    );
}

/** What the table says each query should complete to. */
const groupCommands = (group: string) =>
  cliCommands
    .filter((c) => c.words[0] === group)
    .map((c) => c.words[1])
    .sort();
const withEnum = cliCommands.flatMap((c) =>
  c.options.filter((o) => o.enum).map((o) => ({ command: c, option: o })),
)[0]!;

// Profile-name queries spawn the real binary from inside the shell: twice the usual allowance for a loaded machine.
describe.concurrent('pachca completion', { timeout: 2 * CLI_TEST_TIMEOUT_MS }, () => {
  it.runIf(installed('bash'))(
    'bash: loads from the real binary, and completes groups, operations, flags and enum values',
    async () => {
      // As the README says to load it, with the bundled binary behind a `pachca` function.
      const loaded = await run('bash', [
        '-c',
        `pachca() { "${process.execPath}" "${inject('cliPath')}" "$@"; }; source <(pachca completion bash) && complete -p pachca`,
      ]);
      expect(loaded.stdout.trim()).toBe('complete -F _pachca_completion pachca');

      const { command, option } = withEnum;
      const queries = [
        [''],
        ...cliGroups.map((g) => [g.name, '']),
        [...command.words, `--${option.flag}`, ''],
        [...command.words, '--'],
        ['-o', ''],
        ['completion', ''],
        ['-p', ''],
        ['users', 'list', '--profile', 'st'],
      ];
      const lines = queries.map(
        (words) =>
          `COMP_WORDS=(pachca ${words.map(quote).join(' ')}); COMP_CWORD=${words.length}; COMPREPLY=(); _pachca_completion; printf '%s\\n' "\${COMPREPLY[@]}"`,
      );
      const { env } = withProfiles();
      const [top, ...rest] = await answers('bash', await script('bash'), lines, { prelude: posixFunction(), env });
      expect(top).toEqual(expect.arrayContaining(['auth', 'api', 'completion', ...cliGroups.map((g) => g.name)]));
      for (const [i, group] of cliGroups.entries())
        expect(rest[i]!.sort(), group.name).toEqual(groupCommands(group.name));
      const [values, flags, formats, shells, profiles, matching] = rest.slice(cliGroups.length);
      expect(values!.sort()).toEqual([...option.enum!].sort());
      expect(flags).toEqual(
        expect.arrayContaining([`--${option.flag}`, '--dry-run', '--columns', '--plain', '--profile', '--quiet']),
      );
      expect(formats).toEqual(['table', 'json', 'yaml', 'csv']);
      expect(shells).toEqual([]);
      expect(profiles).toEqual(['work', 'staging-bot']);
      expect(matching).toEqual(['staging-bot']);
    },
  );

  it.runIf(installed('zsh'))(
    'zsh: registers _pachca after compinit, and completes groups, operations and enum values',
    async () => {
      const file = await script('zsh');
      // compinit's dump is kept between runs (it is rebuilt when stale): scanning $fpath takes seconds.
      const dump = join(tmpdir(), 'pachca-cli-test-zcompdump');
      const { stdout } = await run('zsh', [
        '-c',
        `autoload -U compinit && compinit -u -d ${quote(dump)} && source ${quote(file)} && print -- \${_comps[pachca]}`,
      ]);
      expect(stdout.trim()).toBe('_pachca');

      // Outside a completion, `words` and CURRENT are plain variables and compadd can print its candidates.
      const { command, option } = withEnum;
      const group = cliGroups[0]!.name;
      const queries = [
        [group, ''],
        [...command.words, `--${option.flag}`, ''],
        ['-o', ''],
        [group, '-p', ''],
      ];
      const lines = queries.map(
        (words) => `words=(pachca ${words.map(quote).join(' ')}); CURRENT=${words.length + 1}; _pachca`,
      );
      const { env } = withProfiles();
      const [, commands, values, formats, profiles] = await answers(
        'zsh',
        file,
        ['compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }', ...lines],
        { prelude: posixFunction(), env },
      );
      expect(commands!.sort()).toEqual(groupCommands(group));
      expect(values!.sort()).toEqual([...option.enum!].sort());
      expect(formats).toEqual(['table', 'json', 'yaml', 'csv']);
      expect(profiles).toEqual(['work', 'staging-bot']);
    },
  );

  it.runIf(installed('fish'))('fish: loads and completes groups, operations and enum values', async () => {
    const { command, option } = withEnum;
    const group = cliGroups[0]!.name;
    const lines = [
      `pachca ${group} `,
      `pachca ${command.words.join(' ')} --${option.flag} `,
      'pachca api l',
      'pachca -p ',
      `pachca ${group} --profile w`,
    ].map((line) => `complete -C ${quote(line)}`);
    const { env, prelude } = withProfiles();
    const [commands, values, api, profiles, matching] = await answers('fish', await script('fish'), lines, {
      prelude,
      env,
    });
    expect(commands!.sort()).toEqual(groupCommands(group));
    expect(values!.sort()).toEqual([...option.enum!].sort());
    expect(api).toEqual(['ls']);
    expect(profiles!.sort()).toEqual(['staging-bot', 'work']);
    expect(matching).toEqual(['work']);
  });

  it('refuses an unknown shell (exit 2)', async () => {
    const result = await runInProcess(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices are bash, zsh, fish');
  });
});
