// What every request carries (auth, Accept, User-Agent, custom headers) and where the token and
// base URL come from when they are not passed.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pachca, PachcaConfigError } from '../../src/index.js';
import { TOKEN, clientFor, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const PROFILE = { data: { id: 1 } };

const server = useTestServer();
beforeEach(() => {
  server.script({ body: PROFILE });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('request headers', () => {
  it('sends Authorization: Bearer <token>, Accept and a User-Agent naming the package and version', async () => {
    await clientFor(server).profile.get();
    const headers = server.requests[0]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers?.accept).toBe('application/json');
    expect(headers?.['user-agent']).toBe(`pachca-sdk/${pkg.version}`);
  });

  it('adds client-wide and per-call headers without losing the auth header', async () => {
    const client = clientFor(server, { headers: { 'X-Team': 'core' } });
    await client.profile.get({ headers: { 'X-Trace': 'abc' } });
    const headers = server.requests[0]?.headers;
    expect(headers?.['x-team']).toBe('core');
    expect(headers?.['x-trace']).toBe('abc');
    expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends no Content-Type on requests without a body', async () => {
    await clientFor(server).profile.get();
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
  });
});

describe('configuration from the environment', () => {
  it('takes the token from PACHCA_TOKEN', async () => {
    vi.stubEnv('PACHCA_TOKEN', 'token-from-env');
    await new Pachca({ baseUrl: server.url }).profile.get();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-from-env');
  });

  it('prefers an explicit token over PACHCA_TOKEN', async () => {
    vi.stubEnv('PACHCA_TOKEN', 'token-from-env');
    await new Pachca({ token: TOKEN, baseUrl: server.url }).profile.get();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('takes the base URL from PACHCA_BASE_URL, keeping its path', async () => {
    vi.stubEnv('PACHCA_BASE_URL', `${server.url}/api/shared/v1/`);
    const client = new Pachca({ token: TOKEN });
    expect(client.baseUrl).toBe(`${server.url}/api/shared/v1`);
    await client.profile.get();
    expect(server.requests[0]?.url).toBe('/api/shared/v1/profile');
  });

  it('defaults to the production API', () => {
    vi.stubEnv('PACHCA_BASE_URL', undefined);
    expect(new Pachca({ token: TOKEN }).baseUrl).toBe('https://api.pachca.com/api/shared/v1');
  });

  it('a missing token is a PachcaConfigError at the first call, not at construction, and nothing is sent', async () => {
    vi.stubEnv('PACHCA_TOKEN', undefined);
    const client = new Pachca({ baseUrl: server.url });
    const error = await rejection(client.profile.get());
    expect(error).toBeInstanceOf(PachcaConfigError);
    expect((error as Error).message).toMatch(/PACHCA_TOKEN/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a base URL that is not http(s) at construction', () => {
    expect(() => new Pachca({ token: TOKEN, baseUrl: 'api.pachca.com' })).toThrow(PachcaConfigError);
  });
});
