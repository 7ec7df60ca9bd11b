// The `pachca` program: global flags, `auth`, `api`, `guide`, `completion`, and the command groups built
// from the spec.
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../../generated/version.js';
import { addApiCommand } from './api-command.js';
import { addAuthCommands } from './auth-commands.js';
import { addCompletionCommand } from './completion.js';
import { addEmulatorCommand } from './emulator-command.js';
import { configPath, readConfig } from './config.js';
import { EXIT, reportError } from './errors.js';
import { exitCodesHelp } from './exit-codes.js';
import { addGuideCommand } from './guide/guide-command.js';
import { exampleText } from './help-text.js';
import { processIo, type CliIo, type Output } from './io.js';
import { addOperationCommands } from './operation-commands.js';
import { FORMATS, parseColumns } from './view.js';
import { redact } from './secrets.js';

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError(`expected a positive number of seconds, got "${text}"`);
  return seconds;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * A negatable flag stored under its own name: `--no-header` would otherwise share `header` with
 * `-H, --header`, and `--no-input` would share `input` with `api --input`.
 */
function storedAs(option: Option, attribute: string): Option {
  option.attributeName = () => attribute;
  return option;
}

/** Drops everything written to it: stdout and stderr under --quiet. */
const nowhere = (): Output => new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * The streams commands write to. Under -q, --quiet they go nowhere, decided once the flags are
 * parsed; errors are printed by main() on the real stderr, so they still show.
 */
function quietableIo(io: CliIo): { io: CliIo; quiet(): void } {
  let silent = false;
  const sink = nowhere();
  return {
    io: {
      get env() {
        return io.env;
      },
      get stdin() {
        return io.stdin;
      },
      get stdout() {
        return silent ? sink : io.stdout;
      },
      get stderr() {
        return silent ? sink : io.stderr;
      },
    },
    quiet: () => {
      silent = true;
    },
  };
}

export function buildProgram(redactText: (text: string) => string = (text) => text, io: CliIo = processIo()): Command {
  const commandIo = quietableIo(io);
  const program = new Command('pachca')
    .description('Work with the Pachca API from the shell: profile, users, group tags, statuses and custom properties.')
    .version(VERSION, '-V, --version')
    .option('--token <token>', 'access token (default: PACHCA_TOKEN, then the chosen or default profile)')
    .option('-p, --profile <name>', 'saved profile to use (default: PACHCA_PROFILE, then the default profile)')
    .option(
      '--base-url <url>',
      "API base URL (default: PACHCA_BASE_URL, the profile's, or https://api.pachca.com/api/shared/v1)",
    )
    .option('--timeout <seconds>', 'per-request timeout in seconds (default: 30)', parseSeconds)
    .option('--no-retry', 'do not retry 429, 5xx and network errors')
    .addOption(
      new Option('-o, --output <format>', 'output format (default: table on a terminal, json otherwise)').choices(
        FORMATS,
      ),
    )
    .option('-c, --columns <list>', 'only these fields, in this order: -c id,email', parseColumns)
    .addOption(storedAs(new Option('--no-header', 'leave out the header row (table, csv)'), 'showHeader'))
    .option('--no-truncate', 'do not cut table cells to the terminal width')
    .option('--plain', 'tab-separated values for scripts: no header, id first, nothing cut or coloured')
    .option('-q, --quiet', 'print nothing but errors; the exit code tells the outcome')
    .option(
      '-v, --verbose',
      'print the SDK debug log on stderr: each HTTP attempt with its status, request id, time, retry and bodies (never the token)',
    )
    .option('--no-color', 'no colours (also NO_COLOR=1, or when output is not a terminal)')
    .addOption(
      storedAs(new Option('--no-input', 'never prompt: a destructive command without --force fails'), 'interactive'),
    )
    .option(
      '-H, --header <header>',
      'extra request header "Name: value", repeatable (e.g. "Prefer: code=404" for the mock)',
      collect,
    )
    // Inherited by every command added after this point.
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(redactText(text)),
      // Commander's own defaults, read from `io`: the terminal's width, else 80.
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns) || 80,
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns) || 80,
    });
  program.hook('preAction', (_program, command) => {
    if (command.optsWithGlobals().quiet) commandIo.quiet();
  });
  const examples = [
    'pachca auth login --token "$PACHCA_TOKEN"',
    'pachca users list --query=Ivan',
    'pachca users list --columns id,email --no-header',
    'pachca group-tags list-users 9111 --all --plain',
    'pachca api GET /users --query limit=2',
  ];
  program.addHelpText('after', `${exampleText(examples.join('\n'))}\n\n${exitCodesHelp()}`);
  addAuthCommands(program, commandIo.io);
  addOperationCommands(program, commandIo.io);
  addApiCommand(program, commandIo.io);
  addGuideCommand(program, commandIo.io);
  addCompletionCommand(program, commandIo.io);
  addEmulatorCommand(program, commandIo.io);
  return program;
}

/** Every token this run could use, so that no output ever shows one. */
function tokensInPlay(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const tokens = [env.PACHCA_TOKEN];
  argv.forEach((arg, i) => {
    if (arg === '--token') tokens.push(argv[i + 1]);
    else if (arg.startsWith('--token=')) tokens.push(arg.slice('--token='.length));
  });
  try {
    for (const profile of Object.values(readConfig(configPath(env)).profiles)) tokens.push(profile.token);
  } catch {
    // A broken config file is reported by the command that needs it.
  }
  return tokens.filter((t): t is string => typeof t === 'string' && t.trim().length >= 4).map((t) => t.trim());
}

/**
 * Runs the CLI on `argv` (as in process.argv: node, script, arguments…) and resolves with the exit
 * code; it never exits the process itself, so a caller can run it in-process with its own `io`.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const tokens = tokensInPlay(argv, io.env);
  const redactAll = (text: string) => tokens.reduce((out, token) => redact(out, token), text);
  const program = buildProgram(redactAll, io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, redactAll, io.stderr);
  }
}
