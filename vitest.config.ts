import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The spec bundled once (test/support/spec.ts) and one Prism mock for the whole run; suites
    // reach the mock with inject('prismUrl') (test/support/mock.ts).
    // The CLI tests spawn the CLI bundled once by test/setup/cli-bundle.ts (inject('cliPath')).
    globalSetup: ['test/setup/spec.ts', 'test/setup/prism.ts', 'test/setup/cli-bundle.ts'],
    // Most suites wait on child processes and sockets rather than the CPU, so more workers than
    // the 2 cores finish sooner (measured: 57 s with the default, 41 s with 4).
    maxWorkers: 4,
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
