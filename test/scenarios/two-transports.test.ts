// One behaviour, two transports: every scenario of scenarios.ts runs against an emulator server
// (through fetch, the spec checked in-process, started as `npm run mock` starts it) and against a
// pachca-sdk/msw workspace with the same seed and size (msw's setupServer, no server), and the two
// transcripts must be equal but for what normalise.ts replaces: the created ids, cursors, the run's
// times and the avatars' origin. The server is this file's own: the shared one's seeded users
// (the tokens' owners among them) are changed by other suites, and the seeded reads here compare
// them whole.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultBaseUrl } from '../../generated/msw.js';
import { createWorkspace } from '../../src/msw/index.js';
import { type EmulatorServer, startEmulatorServer } from '../../src/emulator/node/server.js';
import { unique } from '../support/emulator.js';
import { normalise } from './normalise.js';
import { SCENARIOS } from './scenarios.js';
import { ServerTransport, type Transport, WorkspaceTransport } from './transport.js';

// The shared server's workspace: `npm run mock`'s defaults (120 users, seed 1).
const workspace = createWorkspace({ users: 120, seed: 1 });
const server = setupServer(...workspace.handlers);

let stack: EmulatorServer;

beforeAll(async () => {
  stack = await startEmulatorServer({ port: 0, spec: inject('bundledSpec'), log: () => undefined });
  server.listen({
    // The server transport's requests go on to the network; any other unhandled one is a mistake.
    onUnhandledRequest: (request, print) => {
      if (!request.url.startsWith(stack.url)) print.error();
    },
  });
});
afterAll(async () => {
  server.close();
  await stack?.stop();
});

async function transcriptOf(transport: Transport, run: (api: Transport) => Promise<void>) {
  const since = Date.now();
  await run(transport);
  expect(transport.transcript.length).toBeGreaterThan(0);
  return normalise(transport.transcript, { baseUrl: transport.baseUrl, since });
}

describe('one scenario suite, answered alike by the emulator server and the msw workspace', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const run = unique('scenario');
      const viaServer = await transcriptOf(new ServerTransport(stack.url), (api) => scenario.run(api, run));
      const viaWorkspace = await transcriptOf(new WorkspaceTransport(workspace, defaultBaseUrl), (api) =>
        scenario.run(api, run),
      );
      expect(viaWorkspace).toEqual(viaServer);
    });
  }

  it("leaves the server's spec check nothing to report", async () => {
    const { data } = (await (await fetch(`${stack.url}/__emulator/requests`)).json()) as {
      data: { violations: unknown[] }[];
    };
    expect(data.filter((entry) => entry.violations.length > 0)).toEqual([]);
  });
});
