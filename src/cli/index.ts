#!/usr/bin/env node
// The `pachca` command; its exit codes are in exit-codes.ts.
import { setFlagsFromString } from 'node:v8';
import { main } from './program.js';

// Node's fetch parses HTTP with a WebAssembly module that V8 would also optimise in background
// threads: a quarter of a command's CPU time, never paid back by the few requests a run sends.
// The baseline compiler alone is enough (set before the first request compiles it).
setFlagsFromString('--liftoff-only');

// `pachca users list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
