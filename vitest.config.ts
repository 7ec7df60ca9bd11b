import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Once for the whole run, side by side (test/setup/global.ts): the spec bundled
    // (test/support/spec.ts), one Prism mock (inject('prismUrl'), test/support/mock.ts), and the
    // package built and packed (inject('tarball'), inject('cliPath') for the CLI tests).
    globalSetup: ['test/setup/global.ts'],
    // Most suites wait on child processes and sockets rather than the CPU, so more workers than
    // the 2 cores finish sooner (measured: 57 s with the default, 41 s with 4).
    maxWorkers: 4,
    // Test files share a worker's module cache instead of each importing the SDK, the scripts and
    // vitest afresh: a third of the suite's CPU time went to imports (measured: 101 s → 72 s wall).
    // Every suite sets up its own servers, clients and env stubs, so nothing leaks between files.
    isolate: false,
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
