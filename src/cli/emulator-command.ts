// `pachca emulator`: the Pachca API emulator on this machine, as `npm run mock` serves it in the
// repository. Its code (the engine, ajv, the spec) is imported only when the command runs: the
// SDK and every other command never load it, and the build puts it in a chunk of its own.
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { exampleText } from './help-text.js';
import type { CliIo } from './io.js';

export function addEmulatorCommand(program: Command, io: CliIo): void {
  program
    .command('emulator')
    .description(
      'Run the Pachca API emulator: a seeded, stateful workspace on this machine that answers every operation as the API does, checked against the spec.',
    )
    .option('--port <n>', 'port to listen on (default: MOCK_PORT, else 4010)')
    .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
    .option('--users <n>', 'seeded users, 1 to 10,000 (default: 120)')
    .option('--seed <n>', 'another deterministic workspace (default: 1)')
    .option('--state <file>', 'load the workspace from <file> and save every write there (created when missing)')
    .option('--rate-limit <n>', 'answer 429 with Retry-After past <n> requests per second per token')
    .addHelpText(
      'after',
      `${exampleText('pachca emulator --port 4010 --users 500 --state workspace.json')}\n\n` +
        'Tokens, control endpoints (/__emulator/…), --state and limits: the README of pachca-sdk.',
    )
    .action(async (flags: Record<string, string | undefined>) => {
      const { parseRunOptions, runEmulator } = await import('../emulator/node/run.js');
      let options: ReturnType<typeof parseRunOptions>;
      try {
        options = parseRunOptions(flags, io.env);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      await runEmulator(options, (line) => io.stdout.write(`${line}\n`));
    });
}
