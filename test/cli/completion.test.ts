// `pachca completion bash|zsh|fish`: each script loads in its shell (where the shell is installed;
// .ci/run installs all three) and completes what the command table holds: groups, their
// operations, flags and enum values, all derived from the table rather than written out here.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { cliCommands, cliGroups } from '../../generated/cli-commands.js';
import { CLI_TEST_TIMEOUT_MS, runInProcess, tempDir } from './run-cli.js';

const installed = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

async function script(shell: string): Promise<string> {
  const run = await runInProcess(['completion', shell]);
  expect(run.code, run.stderr).toBe(0);
  const file = join(tempDir(), `pachca.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

/** A command with an enum flag, and the values it takes: from the table. */
const withEnum = cliCommands.flatMap((c) => c.options.filter((o) => o.enum).map((o) => ({ command: c, option: o })))[0]!;

describe.concurrent('pachca completion', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.runIf(installed('bash'))('bash: loads from the real binary, and completes groups, operations, flags and enum values', async () => {
    // The way the README says to load it, with the bundled binary behind a `pachca` function.
    const loaded = execFileSync('bash', ['-c', `pachca() { "${process.execPath}" "${inject('cliPath')}" "$@"; }; source <(pachca completion bash) && complete -p pachca`], { encoding: 'utf8' });
    expect(loaded.trim()).toBe('complete -F _pachca_completion pachca');

    const file = await script('bash');
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source "$1"; COMP_WORDS=("\${@:2}"); COMP_CWORD=$(($# - 2)); _pachca_completion; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file, 'pachca', ...words], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    expect(complete('')).toEqual(expect.arrayContaining(['auth', 'api', 'completion', ...cliGroups.map((g) => g.name)]));
    for (const group of cliGroups) {
      expect(complete(group.name, '').sort()).toEqual(cliCommands.filter((c) => c.words[0] === group.name).map((c) => c.words[1]).sort());
    }
    const { command, option } = withEnum;
    expect(complete(...command.words, `--${option.flag}`, '').sort()).toEqual([...option.enum!].sort());
    expect(complete(...command.words, '--')).toEqual(expect.arrayContaining([`--${option.flag}`, '--dry-run', '--columns', '--plain', '--profile']));
    expect(complete('-o', '')).toEqual(['table', 'json', 'yaml', 'csv']);
    expect(complete('completion', '')).toEqual([]);
  });

  it.runIf(installed('zsh'))('zsh: loads after compinit and registers _pachca for pachca', async () => {
    const file = await script('zsh');
    const out = execFileSync('zsh', ['-c', `autoload -U compinit && compinit -u -d "$2/zcompdump" && source "$1" && print -- \${_comps[pachca]}`, 'zsh', file, tempDir()], { encoding: 'utf8' });
    expect(out.trim()).toBe('_pachca');
  });

  it.runIf(installed('fish'))('fish: loads and completes groups, operations and enum values', async () => {
    const file = await script('fish');
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C $argv[2]`, file, line], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((entry) => entry.split('\t')[0]);
    const group = cliGroups[0]!;
    expect(complete(`pachca ${group.name} `).sort()).toEqual(cliCommands.filter((c) => c.words[0] === group.name).map((c) => c.words[1]).sort());
    const { command, option } = withEnum;
    expect(complete(`pachca ${command.words.join(' ')} --${option.flag} `).sort()).toEqual([...option.enum!].sort());
    expect(complete('pachca api l')).toEqual(['ls']);
  });

  it('refuses an unknown shell (exit 2)', async () => {
    const run = await runInProcess(['completion', 'powershell']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Allowed choices are bash, zsh, fish");
  });
});
