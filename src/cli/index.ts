#!/usr/bin/env node
// The `pachca` command. Exit codes: 0 ok, 1 API error, 2 usage, 3 auth, 4 network/timeout.
import { main } from './program.js';

// `pachca users list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
