import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Prism mock for the whole run; suites reach it with inject('prismUrl') (test/support/mock.ts).
    // The CLI tests spawn the CLI bundled once by test/setup/cli-bundle.ts (inject('cliPath')).
    globalSetup: ['test/setup/prism.ts', 'test/setup/cli-bundle.ts'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
