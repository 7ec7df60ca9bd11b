// The in-process spec check and Prism agree: the whole scenario suite runs through Prism's
// validating proxy (`prism proxy --errors`, the one place Prism still judges the emulator) in front
// of an emulator server of its own, and neither finds a violation: not Prism (its `sl-violations`
// header on every answer) and not the server's own check (its journal).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, HOST } from '../../scripts/lib/ports.js';
import { type Prism, startPrism } from '../../scripts/lib/prism.js';
import { DOCUMENTED_FOR_EVERY_OPERATION } from '../../src/emulator/node/spec-check.js';
import { type EmulatorServer, startEmulatorServer } from '../../src/emulator/node/server.js';
import { unique } from '../support/emulator.js';
import { SCENARIOS } from './scenarios.js';
import { ServerTransport } from './transport.js';

let server: EmulatorServer;
let prism: Prism;
const prismViolations: string[] = [];

/** Prism's report on one answer, but for the status it cannot match in a 429 or 5xx the spec documents for all. */
function recordViolations(request: string, response: Response): void {
  const header = response.headers.get('sl-violations');
  if (!header) return;
  let violations: { message: string }[];
  try {
    violations = JSON.parse(header) as { message: string }[];
  } catch {
    violations = [{ message: header }];
  }
  const real = violations.filter(
    (v) =>
      !(
        DOCUMENTED_FOR_EVERY_OPERATION.has(response.status) &&
        /^Unable to match the returned status code/.test(v.message)
      ),
  );
  for (const v of real) prismViolations.push(`${request} → ${response.status}: ${v.message}`);
}

/**
 * The server transport with Prism in front: each answer's violations recorded. A multipart upload
 * alone goes straight to the server: Prism 5.14.2 forwards a multipart body decoded as UTF-8 text,
 * which mangles the image's bytes (the server's own check still judges that answer, below).
 */
class ThroughPrism extends ServerTransport {
  constructor(
    private readonly prismUrl: string,
    private readonly serverUrl: string,
  ) {
    // The server's URL is the base the scenarios compare image_url with: it serves the avatars.
    super(serverUrl);
  }

  protected override async fetch(path: string, init: RequestInit): Promise<Response> {
    if (init.body instanceof FormData) return fetch(`${this.serverUrl}${path}`, init);
    const response = await fetch(`${this.prismUrl}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
    recordViolations(`${init.method ?? 'GET'} ${path}`, response);
    return response;
  }
}

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, spec: inject('bundledSpec'), log: () => undefined });
  prism = await startPrism({ port: await freePort(HOST), upstream: server.url, errors: true, log: () => undefined });
  // Prism starts in a few seconds alone, much longer on a machine busy with the rest of the suite.
}, 90_000);
afterAll(async () => {
  await prism?.stop();
  await server?.stop();
});

describe("the scenario suite through Prism's validating proxy", () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      await scenario.run(new ThroughPrism(prism.url, server.url), unique('prism'));
      expect(prismViolations).toEqual([]);
    });
  }

  it("leaves the server's own check nothing to report either", async () => {
    const { data } = (await (await fetch(`${server.url}/__emulator/requests`)).json()) as {
      data: { violations: unknown[] }[];
    };
    expect(data.length).toBeGreaterThan(0);
    expect(data.filter((entry) => entry.violations.length > 0)).toEqual([]);
  });
});
