// Builds one commander command per operation from generated/cli-commands.ts: path parameters
// become arguments, query parameters and body fields become flags. Nothing here names an
// operation; adding one to the spec adds its command.
import { type Command, Option } from 'commander';
import { cliCommands, cliGroups } from '../../generated/cli-commands.js';
import type { OperationInput } from '../core/operation.js';
import { setPath } from './api-request.js';
import type { CliCommandSpec, CliOptionSpec } from './command-spec.js';
import type { GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { exampleText } from './help-text.js';
import type { CliIo } from './io.js';
import { runOperation } from './run-operation.js';
import { parseInteger, parserFor, placeholderFor } from './values.js';

function flagOptions(spec: CliOptionSpec): [Option, ...Option[]] {
  const required = spec.required ? ' (required)' : '';
  if (spec.type === 'boolean') {
    // Both forms, and no default: only a flag that was given is sent (partial updates).
    return [
      new Option(`--${spec.flag}`, `${spec.description} Sends ${spec.target.at(-1)}: true.${required}`),
      new Option(`--no-${spec.flag}`, `Sends ${spec.target.at(-1)}: false.`),
    ];
  }
  const option = new Option(`--${spec.flag} ${placeholderFor(spec.type)}`, spec.description + required);
  if (spec.enum) option.choices(spec.enum);
  const parse = parserFor(spec.type);
  if (parse) option.argParser(parse);
  if (spec.type.endsWith('[]')) option.description += ' JSON array or comma-separated list.';
  if (spec.required) option.makeOptionMandatory();
  return [option];
}

/** The SDK input from parsed arguments and flags. */
function operationInput(
  spec: CliCommandSpec,
  args: unknown[],
  flags: Record<string, unknown>,
  attributes: Map<CliOptionSpec, string>,
): OperationInput {
  const input: OperationInput = {};
  if (spec.arguments.length) input.path = Object.fromEntries(spec.arguments.map((arg, i) => [arg.name, args[i]]));
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [option, attribute] of attributes) {
    const value = flags[attribute];
    if (value === undefined) continue;
    if (option.in === 'query') query[option.target[0]] = value;
    else setPath(body, option.target, value, `--${option.flag}`);
  }
  if (Object.keys(query).length) input.query = query;
  const bodyFlags = spec.options.filter((o) => o.in === 'body');
  if (bodyFlags.length) {
    if (Object.keys(body).length === 0) {
      throw new UsageError(`Nothing to send: give at least one of ${bodyFlags.map((o) => `--${o.flag}`).join(', ')}`);
    }
    input.body = body;
  }
  if (spec.file) input.file = flags.file as string;
  return input;
}

function addOperationCommand(parent: Command, spec: CliCommandSpec, io: CliIo): void {
  const command = parent
    .command(spec.words[1])
    .summary(spec.summary)
    .description(`${spec.summary}.\n\n${spec.description}`);
  for (const arg of spec.arguments) command.argument(`<${arg.name}>`, arg.description, parseInteger);
  const attributes = new Map<CliOptionSpec, string>();
  for (const option of spec.options) {
    const [main, ...more] = flagOptions(option);
    attributes.set(option, main.attributeName());
    for (const added of [main, ...more]) command.addOption(added);
  }
  if (spec.file) command.requiredOption('--file <path>', `${spec.file.description} (required)`);
  if (spec.paginated) command.option('--all', 'Fetch every page (progress on stderr) and print all items');
  if (spec.destructive) command.option('--force', 'Do not ask for confirmation (required when not on a terminal)');
  command.option('--dry-run', 'Print the HTTP request (token masked) instead of sending it');
  command.addHelpText('after', exampleText(spec.example));
  command.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const flags = self.opts();
    await runOperation({
      spec,
      input: operationInput(spec, self.processedArgs, flags, attributes),
      globals: self.optsWithGlobals<GlobalOptions>(),
      all: flags.all === true,
      force: flags.force === true,
      dryRun: flags.dryRun === true,
      io,
    });
  });
}

/** Adds the spec's command groups (`profile`, `users`, …) and their commands to `program`. */
export function addOperationCommands(program: Command, io: CliIo): void {
  for (const group of cliGroups) {
    const parent = program.command(group.name).description(group.description);
    parent.addHelpText('after', exampleText(group.example));
    for (const spec of cliCommands.filter((c) => c.words[0] === group.name)) addOperationCommand(parent, spec, io);
  }
}
