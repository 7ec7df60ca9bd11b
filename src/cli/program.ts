// The `pachca` program: global flags, `auth`, and the command groups built from the spec.
import { Command, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../version.js';
import { addAuthCommands } from './auth-commands.js';
import { configPath, readConfig } from './config.js';
import { EXIT, reportError } from './errors.js';
import { exampleText } from './help-text.js';
import { processIo, type CliIo } from './io.js';
import { addOperationCommands } from './operation-commands.js';
import { FORMATS } from './output.js';
import { redact } from './secrets.js';

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError(`expected a positive number of seconds, got "${text}"`);
  return seconds;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function buildProgram(redactText: (text: string) => string = (text) => text, io: CliIo = processIo()): Command {
  const program = new Command('pachca')
    .description('Work with the Pachca API from the shell: profile, users, group tags, statuses and custom properties.')
    .version(VERSION, '-V, --version')
    .option('--token <token>', 'access token (default: PACHCA_TOKEN, then the token saved by `auth login`)')
    .option('--base-url <url>', 'API base URL (default: PACHCA_BASE_URL, the saved one, or https://api.pachca.com/api/shared/v1)')
    .option('--timeout <seconds>', 'per-request timeout in seconds (default: 30)', parseSeconds)
    .option('--no-retry', 'do not retry 429, 5xx and network errors')
    .addOption(new Option('-o, --output <format>', 'output format (default: table on a terminal, json otherwise)').choices(FORMATS))
    .option('-H, --header <header>', 'extra request header "Name: value", repeatable (e.g. "Prefer: code=404" for the mock)', collect)
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
  program.addHelpText(
    'after',
    exampleText('pachca auth login --token "$PACHCA_TOKEN"\npachca users list --query=Ivan\npachca group-tags list-users 9111 --all -o csv') +
      '\n\nExit codes: 0 ok, 1 API error, 2 usage error or not confirmed, 3 auth error (401/403, no token), 4 network error or timeout.',
  );
  addAuthCommands(program, io);
  addOperationCommands(program, io);
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
    tokens.push(readConfig(configPath(env)).token);
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
