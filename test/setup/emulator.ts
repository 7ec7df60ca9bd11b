// Vitest global setup: one emulator (the engine, its node:http adapter and Prism's proxy in front,
// started by scripts/lib/emulator/stack.ts as `npm run mock` starts it), shared by every suite
// that calls `inject('emulatorUrl')`. Suites share its workspace, so each one creates what it
// changes (unique names and emails) and none resets it.
import type { TestProject } from 'vitest/node';
import { startEmulatorStack, type EmulatorStack } from '../../scripts/lib/emulator/stack.js';
import { freePort } from '../../scripts/lib/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the shared emulator, e.g. `http://127.0.0.1:40123` (API at the root, control under /__emulator/). */
    emulatorUrl: string;
  }
}

const START_ATTEMPTS = 3;

async function startOnFreePort(): Promise<EmulatorStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Violations are read from the journal by the suites, not from the log.
      return await startEmulatorStack({ port: await freePort(), log: () => undefined });
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startOnFreePort();
  // As in prism.ts: on a signal vitest skips teardowns, so Prism is killed here.
  const onSignal = (signal: NodeJS.Signals) => {
    void stack.stop();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  project.provide('emulatorUrl', stack.url);
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stack.stop();
  };
}
