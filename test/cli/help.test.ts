// Help text, checked in-process for every command and group (spawning 30 processes for this
// would only cost time): each shows an example, each generated command its flags.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { exitCodesHelp } from '../../src/cli/exit-codes.js';
import { buildProgram } from '../../src/cli/program.js';

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.filter((c) => c.name() !== 'help').flatMap(allCommands)];
}

describe('pachca --help', () => {
  const program = buildProgram();
  const commands = allCommands(program);

  it('has an example for the program, every group and every command', () => {
    // 1 program + auth (1 group, 5 commands) + api (and api ls) + guide + emulator + completion (and
    // the hidden __complete-profiles it calls) + the spec's groups and operations.
    expect(commands.length).toBe(
      1 + 6 + 2 + 1 + 1 + 2 + new Set(cliCommands.map((c) => c.words[0])).size + cliCommands.length,
    );
    for (const command of commands) {
      expect(helpOf(command), `help of ${command.name()}`).toMatch(/\nExample:\n {2}\$ pachca /);
    }
  });

  it('lists every flag of the table for every operation command', () => {
    for (const spec of cliCommands) {
      const command = program.commands
        .find((c) => c.name() === spec.words[0])!
        .commands.find((c) => c.name() === spec.words[1])!;
      const help = helpOf(command);
      for (const option of spec.options) expect(help).toContain(`--${option.flag}`);
      for (const arg of spec.arguments) expect(help).toContain(`<${arg.name}>`);
      if (spec.file) expect(help).toContain('--file <path>');
      if (spec.destructive) expect(help).toContain('--force');
      if (spec.paginated) expect(help).toContain('--all');
      expect(help).toContain('--dry-run');
    }
  });

  it('ends with the exit-code table of src/cli/exit-codes.ts (the README shows the same one)', () => {
    const help = helpOf(program);
    expect(help.endsWith(`${exitCodesHelp()}\n`)).toBe(true);
    expect(help).toMatch(/^ {2}5 {2}the token lacks a scope or its user the role/m);
  });
});
