// The entry point of a script people run by hand: expected failures (a busy port, a bad flag)
// are one line on stderr; anything else keeps its stack for whoever debugs it.
import { UserFacingError } from './ports.js';

export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: Error & { code?: string }) => {
    const usage = error.code?.startsWith('ERR_PARSE_ARGS') ?? false;
    const oneLine = usage || error instanceof UserFacingError;
    console.error(`${name}: ${oneLine ? error.message : (error.stack ?? error.message)}`);
    process.exit(usage ? 2 : 1);
  });
}
