// Vitest global setup: one Prism mock of openapi/openapi.yaml, started by scripts/lib/prism.ts as
// `npm run mock -- --examples` starts it, shared by every suite that calls `inject('prismUrl')`. Prism runs with
// its default request validation, so a request the spec does not allow gets a 4xx instead of an
// example. It is stopped in teardown, and killed on Ctrl-C or any other exit of the vitest process.
import type { TestProject } from 'vitest/node';
import { HOST } from '../../scripts/lib/ports.js';
import { type Prism, startPrism } from '../../scripts/lib/prism.js';
import { freePort } from '../../scripts/lib/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock, e.g. `http://127.0.0.1:40123` (no /api/shared/v1). */
    prismUrl: string;
  }
}

const START_ATTEMPTS = 3;

/** Starts the mock on a free port; a port taken between the choice and the start is tried again. */
async function startOnFreePort(): Promise<Prism> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Request lines are not shown: the suites check what they need.
      return await startPrism({ port: await freePort(HOST), log: () => undefined });
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startOnFreePort();
  // Vitest exits straight away on SIGINT/SIGTERM without running teardowns, and Node runs no
  // 'exit' handler for a signal nobody handles: kill Prism, then terminate as the signal would.
  const onSignal = (signal: NodeJS.Signals) => {
    mock.child.kill('SIGKILL');
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  project.provide('prismUrl', mock.url);
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await mock.stop();
  };
}
