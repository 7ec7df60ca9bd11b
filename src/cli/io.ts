// Where a CLI run reads and writes: the process by default. Everything in src/cli takes these from
// here instead of `process`, so a caller (the tests) can run the whole program in-process with its
// own arguments, environment and streams: `main(argv, io)`.

/** stdout or stderr: written to, and asked whether it is a terminal and how wide. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: Input;
  stdout: Output;
  stderr: Output;
}

/** Everything `input` (stdin) gives until it ends, as UTF-8 text. */
export async function readAll(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export function processIo(): CliIo {
  return {
    env: process.env,
    // Opened only when read: most commands never touch stdin.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
