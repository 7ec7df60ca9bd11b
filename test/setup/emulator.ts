// Vitest global setup: one emulator server (src/emulator/node/, the server `npm run mock` and
// `pachca emulator` run), in this process on a free port, shared by every suite that calls
// `inject('emulatorUrl')`. Suites share its workspace, so each one creates what it changes (unique
// names and emails) and none resets it. Spec violations are read from its journal by the suites.
import type { TestProject } from 'vitest/node';
import type { Spec } from '../../scripts/lib/spec.js';
import { startEmulatorServer } from '../../src/emulator/node/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the shared emulator, e.g. `http://127.0.0.1:40123` (API at the root, control under /__emulator/). */
    emulatorUrl: string;
  }
}

export default async function setup(project: TestProject, spec: Spec): Promise<() => Promise<void>> {
  const server = await startEmulatorServer({ port: 0, spec, log: () => undefined });
  project.provide('emulatorUrl', server.url);
  return () => server.stop();
}
