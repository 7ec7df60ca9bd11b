// The example in each command's --help (also the docs' CLI code sample) must run: each one is fed
// to the CLI in-process with --dry-run, and the request it would send must be the operation's,
// with the spec's request-body example as its body. The hand-written commands' examples (program,
// auth, api, completion) run for real against the Prism mock, from a config with two profiles.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { cliCommands, cliGroups } from '../../generated/cli-commands.js';
import { buildProgram } from '../../src/cli/program.js';
import { pathPattern } from '../../src/core/names.js';
import { mockUrl } from '../support/mock.js';
import { specOperations } from '../support/spec.js';
import { runInProcess, tempDir } from './run-cli.js';
import { commandLines, shellWords } from './shell-words.js';

/** The sample omits false and null values (the CLI's defaults). */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== false && v !== null)
      .map(([k, v]) => [k, withoutDefaults(v)]),
  );
}

describe('the example of every command', () => {
  const operations = new Map(specOperations().map((op) => [op.operationId, op]));
  const image = join(tempDir(), 'avatar.png');
  writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  for (const spec of cliCommands) {
    it(`pachca ${spec.words.join(' ')}`, async () => {
      const op = operations.get(spec.operationId)!;
      for (const line of commandLines(spec.example)) {
        const words = shellWords(line).map((w) => w.replace('./avatar.png', image));
        expect(words[0]).toBe('pachca');
        const run = await runInProcess(
          [...words.slice(1), '--base-url', 'http://api.test', '--dry-run', '-o', 'json'],
          {
            env: { PACHCA_TOKEN: 'example-token-0123456789abcdef' },
          },
        );
        expect(run.code, `${line} exited with ${run.code}: ${run.stderr}`).toBe(0);
        const request = run.json();
        expect(request.method).toBe(spec.method);
        const path = new URL(request.url).pathname;
        expect(path).toMatch(pathPattern(spec.path, '\\d+'));
        const example = op.requestBody?.content['application/json'] as
          | { examples?: Record<string, { value: unknown }> }
          | undefined;
        if (example?.examples) expect(request.body).toEqual(withoutDefaults(Object.values(example.examples)[0]!.value));
        if (spec.file) expect(request.body.image).toMatchObject({ filename: 'avatar.png', type: 'image/png' });
      }
    });
  }
});

/** The `$ …` lines of a command's `Example:` help block. */
function helpExamples(command: Command): string[] {
  let help = '';
  command.configureOutput({ writeOut: (chunk) => (help += chunk) });
  command.outputHelp();
  return [...help.split('\nExample:\n')[1]!.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]!);
}

/** `echo '…' | pachca …`, `source <(pachca …)`, `pachca … | source`, `pachca … > file`: the pachca part and its stdin. */
function pachcaPart(line: string): { words: string[]; input?: string } {
  const piped = /^echo (.+?) \| (pachca .*)$/.exec(line);
  const command = (piped ? piped[2]! : /pachca [^|>)]*/.exec(line)![0]).trim();
  return { words: shellWords(command), ...(piped ? { input: shellWords(piped[1]!)[0]! } : {}) };
}

describe('the examples of the hand-written commands (program, auth, api, completion)', () => {
  const program = buildProgram();
  const generated = new Set([...cliGroups.map((g) => g.name)]);
  // `pachca emulator` serves until stopped: its example is checked below, not run.
  const serving = new Set(['emulator']);
  const commands = [
    program,
    ...program.commands
      .filter((c) => !generated.has(c.name()) && !serving.has(c.name()))
      .flatMap((c) => [c, ...c.commands]),
  ];
  const tokens: Record<string, string> = {
    PACHCA_TOKEN: 'example-token-0123456789abcdef',
    BOT_TOKEN: 'example-bot-token-0123456789',
  };

  for (const command of commands) {
    const name =
      command === program
        ? 'pachca'
        : `pachca ${command.parent === program ? '' : `${command.parent!.name()} `}${command.name()}`;
    it(`${name}, against the mock`, { timeout: 60_000 }, async () => {
      const lines = helpExamples(command);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const { words, input } = pachcaPart(line.replace(/\$(\w+)/g, (_, v: string) => tokens[v] ?? `$${v}`));
        // Each line starts from two saved profiles, `default` and `bot`, both pointing at the mock.
        const xdg = tempDir();
        mkdirSync(join(xdg, 'pachca'));
        const profiles = {
          default: { token: tokens.PACHCA_TOKEN, baseUrl: mockUrl() },
          bot: { token: tokens.BOT_TOKEN, baseUrl: mockUrl() },
        };
        writeFileSync(join(xdg, 'pachca', 'config.json'), JSON.stringify({ defaultProfile: 'default', profiles }));
        const args = words.slice(1);
        // Commands that talk to the API get the mock's URL (login saves it; the rest could use the profile's).
        const run = await runInProcess(args[0] === 'completion' ? args : ['--base-url', mockUrl(), ...args], {
          env: { XDG_CONFIG_HOME: xdg },
          ...(input ? { input } : {}),
        });
        expect(run.code, `${line} exited with ${run.code}: ${run.stderr}`).toBe(0);
      }
    });
  }
});

describe('the example of `pachca emulator`, a command that serves until stopped', () => {
  it('uses only flags the command has, with values it accepts', () => {
    const command = buildProgram().commands.find((c) => c.name() === 'emulator')!;
    const lines = helpExamples(command);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const words = pachcaPart(line).words.slice(2);
      expect(command.parseOptions(words)).toEqual({ operands: [], unknown: [] });
    }
  });
});
