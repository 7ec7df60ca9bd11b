// `pachca auth`: the config file (XDG_CONFIG_HOME or ~/.config, 0700 dir, 0600 file), the token
// checked before it is saved, its precedence (--token > PACHCA_TOKEN > --profile/PACHCA_PROFILE >
// the default profile), a masked status, named profiles and a config from before profiles.
// The binary is spawned for one login (token piped in, file modes); the rest runs in-process.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { startServer, type TestServer } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, type CliRun, runCli, runInProcess, tempDir } from './run-cli.js';

const TOKEN = 'cli-auth-token-3b7e1f9d5a2c8e6b';
const TOKEN_INFO = {
  id: 4827,
  token: 'cli-auth...8e6b',
  name: 'Reporting script',
  user_id: 12,
  scopes: ['profile:read', 'users:read'],
  created_at: '2025-01-15T10:30:00.000Z',
  revoked_at: null,
  expires_in: null,
  last_used_at: null,
};
const PROFILE = {
  id: 12,
  first_name: 'Oleg',
  last_name: 'Petrov',
  nickname: 'olegp',
  email: 'olegp@example.com',
  role: 'admin',
};

/** A local API that knows one good token; everything else gets a 401. */
async function fakeApi(context: TestContext): Promise<TestServer> {
  const server = await startServer();
  context.onTestFinished(() => server.close());
  server.respond((request) => {
    const token = String(request.headers.authorization).replace(/^Bearer /, '');
    if (!token.startsWith('cli-auth-'))
      return { status: 401, body: { error: 'invalid_token', error_description: 'The access token is invalid' } };
    if (request.url === '/oauth/token/info') return { body: { data: TOKEN_INFO } };
    return { body: { data: { ...PROFILE, token_seen: token } } };
  });
  return server;
}

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe.concurrent('pachca auth', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('login reads the token from stdin, checks it and saves it in $XDG_CONFIG_HOME/pachca/config.json, 0600 in a 0700 dir', async (context) => {
    const server = await fakeApi(context);
    const xdg = join(tempDir(), 'xdg');
    const run = await runCli(['auth', 'login', '--base-url', server.url], {
      input: `${TOKEN}\n`,
      env: { XDG_CONFIG_HOME: xdg },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`saved as profile "default" (the default) in ${xdg}/pachca/config.json`);
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/oauth/token/info', `Bearer ${TOKEN}`],
    ]);
    const file = join(xdg, 'pachca', 'config.json');
    expect(mode(file)).toBe('600');
    expect(mode(join(xdg, 'pachca'))).toBe('700');
    const { checked_at, ...saved } = JSON.parse(readFileSync(file, 'utf8')).profiles.default.tokenInfo;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      defaultProfile: 'default',
      profiles: { default: { token: TOKEN, baseUrl: server.url } },
    });
    expect(saved).toEqual({
      name: 'Reporting script',
      user_id: 12,
      scopes: TOKEN_INFO.scopes,
      created_at: TOKEN_INFO.created_at,
    });
    expect(Date.parse(checked_at)).not.toBeNaN();

    // The saved login is used by later commands, and `auth status --remote` reads it from the API, masked.
    const status = await runInProcess(['auth', 'status', '--remote', '-o', 'json'], { env: { XDG_CONFIG_HOME: xdg } });
    expect(status.code).toBe(0);
    expect(status.json()).toEqual({
      profile: 'default',
      token: `${TOKEN.slice(0, 4)}…${TOKEN.slice(-4)}`,
      token_source: `profile "default" in ${file}`,
      base_url: server.url,
      token_name: 'Reporting script',
      scopes: ['profile:read', 'users:read'],
      created_at: TOKEN_INFO.created_at,
      last_used_at: null,
      user: PROFILE,
    });
    expect(status.stdout + status.stderr).not.toContain(TOKEN);

    const logout = await runInProcess(['auth', 'logout'], { env: { XDG_CONFIG_HOME: xdg } });
    expect(logout.code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('login takes --token and uses ~/.config without XDG_CONFIG_HOME', async (context) => {
    const server = await fakeApi(context);
    const home = tempDir();
    const run = await runInProcess(['auth', 'login', '--token', TOKEN, '--base-url', server.url], {
      env: { HOME: home, XDG_CONFIG_HOME: undefined },
    });
    expect(run.code).toBe(0);
    const file = join(home, '.config', 'pachca', 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default.token).toBe(TOKEN);
    expect(mode(file)).toBe('600');
  });

  it('login refuses a token the API rejects and saves nothing (exit 3)', async (context) => {
    const server = await fakeApi(context);
    const xdg = tempDir();
    const run = await runInProcess(['auth', 'login', '--token', 'wrong-token-000000000000', '--base-url', server.url], {
      env: { XDG_CONFIG_HOME: xdg },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('401');
    expect(run.stderr).not.toContain('wrong-token-000000000000');
    expect(existsSync(join(xdg, 'pachca', 'config.json'))).toBe(false);
  });

  it('uses --token over PACHCA_TOKEN over the config file', async (context) => {
    const server = await fakeApi(context);
    const xdg = tempDir();
    mkdirSync(join(xdg, 'pachca'), { recursive: true });
    writeFileSync(
      join(xdg, 'pachca', 'config.json'),
      JSON.stringify({ token: 'cli-auth-from-config', baseUrl: server.url }),
    );
    const env = { XDG_CONFIG_HOME: xdg };
    const runs = await Promise.all([
      runInProcess(['profile', 'get', '--token', 'cli-auth-from-flag'], {
        env: { ...env, PACHCA_TOKEN: 'cli-auth-from-env' },
      }),
      runInProcess(['profile', 'get'], { env: { ...env, PACHCA_TOKEN: 'cli-auth-from-env' } }),
      runInProcess(['profile', 'get'], { env }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => r.json().token_seen)).toEqual([
      'cli-auth-from-flag',
      'cli-auth-from-env',
      'cli-auth-from-config',
    ]);
  });
});

describe.concurrent('named profiles', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  /** Two logins in one private config dir: `work` (the first, so the default) and `bot`. */
  async function twoProfiles(context: TestContext) {
    const server = await fakeApi(context);
    const xdg = tempDir();
    const env = { XDG_CONFIG_HOME: xdg };
    const file = join(xdg, 'pachca', 'config.json');
    const work = await runInProcess(
      ['auth', 'login', '--profile', 'work', '--token', 'cli-auth-work-0000000000', '--base-url', server.url],
      { env },
    );
    expect(work.code, work.stderr).toBe(0);
    const bot = await runInProcess(['auth', 'login', '-p', 'bot', '--base-url', server.url], {
      env,
      input: 'cli-auth-bot-11111111111\n',
    });
    expect(bot.code, bot.stderr).toBe(0);
    expect(bot.stderr).toContain('saved as profile "bot" in');
    expect(mode(file)).toBe('600');
    return { server, env, file, xdg };
  }
  const tokenSeen = (run: CliRun) => run.json<{ token_seen: string }>().token_seen;

  it('two logins: auth list shows both with the default marked, and -p / PACHCA_PROFILE switch between them', async (context) => {
    const { env } = await twoProfiles(context);
    const list = await runInProcess(['auth', 'list', '-o', 'json'], { env });
    expect(list.json()).toEqual([
      {
        profile: 'work',
        default: true,
        token: 'cli-…0000',
        token_name: 'Reporting script',
        user_id: 12,
        base_url: expect.any(String),
      },
      {
        profile: 'bot',
        default: false,
        token: 'cli-…1111',
        token_name: 'Reporting script',
        user_id: 12,
        base_url: expect.any(String),
      },
    ]);
    const runs = await Promise.all([
      runInProcess(['profile', 'get'], { env }),
      runInProcess(['profile', 'get', '-p', 'bot'], { env }),
      runInProcess(['profile', 'get', '--profile', 'work'], { env: { ...env, PACHCA_PROFILE: 'bot' } }),
      runInProcess(['profile', 'get'], { env: { ...env, PACHCA_PROFILE: 'bot' } }),
      // --token and PACHCA_TOKEN win over any profile.
      runInProcess(['profile', 'get', '-p', 'bot', '--token', 'cli-auth-flag'], { env }),
      runInProcess(['profile', 'get'], { env: { ...env, PACHCA_PROFILE: 'bot', PACHCA_TOKEN: 'cli-auth-env' } }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(runs.map(tokenSeen)).toEqual([
      'cli-auth-work-0000000000',
      'cli-auth-bot-11111111111',
      'cli-auth-work-0000000000',
      'cli-auth-bot-11111111111',
      'cli-auth-flag',
      'cli-auth-env',
    ]);
  });

  it('auth status names the active profile offline from the login; --remote asks the API again', async (context) => {
    const { server, env, file } = await twoProfiles(context);
    const before = server.requests.length;
    const offline = await runInProcess(['auth', 'status', '-p', 'bot', '-o', 'json'], { env });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.json()).toMatchObject({
      profile: 'bot',
      token_source: `profile "bot" in ${file}`,
      token_name: 'Reporting script',
      scopes: TOKEN_INFO.scopes,
      user: { id: 12 },
    });
    expect(offline.json().checked_at).toEqual(expect.any(String));
    expect(server.requests.length).toBe(before);
    const remote = await runInProcess(['auth', 'status', '--remote', '-o', 'json'], { env });
    expect(remote.json()).toMatchObject({ profile: 'work', user: PROFILE, last_used_at: null });
    expect(
      server.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/oauth/token/info', '/profile']);
  });

  it('auth switch changes the default; logout --profile removes one, --all removes the file', async (context) => {
    const { env, file } = await twoProfiles(context);
    expect((await runInProcess(['auth', 'switch', 'bot'], { env })).code).toBe(0);
    expect(tokenSeen(await runInProcess(['profile', 'get'], { env }))).toBe('cli-auth-bot-11111111111');
    const logout = await runInProcess(['auth', 'logout', '--profile', 'bot'], { env });
    expect(logout.stderr).toContain('Logged out of profile "bot"; the default is now "work"');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      defaultProfile: 'work',
      profiles: { work: expect.any(Object) },
    });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).profiles)).toEqual(['work']);
    expect(mode(file)).toBe('600');
    // Written atomically: the temporary file is renamed over the config, never left behind.
    expect(readdirSync(join(file, '..'))).toEqual(['config.json']);
    const all = await runInProcess(['auth', 'logout', '--all'], { env });
    expect(all.code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('a profile that does not exist is an auth error (exit 3) naming the saved ones', async (context) => {
    const { env } = await twoProfiles(context);
    const run = await runInProcess(['profile', 'get', '-p', 'staging'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('No profile "staging" (saved: work, bot)');
    const bad = await runInProcess(['profile', 'get', '-p', '../etc'], { env });
    expect(bad.code).toBe(2);
  });

  it('loads a config written before profiles ({token, baseUrl}) as the default profile, and keeps it on the next login', async (context) => {
    const server = await fakeApi(context);
    const xdg = tempDir();
    const file = join(xdg, 'pachca', 'config.json');
    mkdirSync(join(xdg, 'pachca'), { recursive: true });
    writeFileSync(file, JSON.stringify({ token: 'cli-auth-old-config-22222', baseUrl: server.url }), { mode: 0o600 });
    const env = { XDG_CONFIG_HOME: xdg };
    const list = await runInProcess(['auth', 'list', '-o', 'json'], { env });
    expect(list.json()).toEqual([
      { profile: 'default', default: true, token: 'cli-…2222', token_name: null, user_id: null, base_url: server.url },
    ]);
    expect(tokenSeen(await runInProcess(['profile', 'get'], { env }))).toBe('cli-auth-old-config-22222');
    const login = await runInProcess(
      ['auth', 'login', '-p', 'work', '--token', 'cli-auth-work-0000000000', '--base-url', server.url],
      { env },
    );
    expect(login.code, login.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.defaultProfile).toBe('default');
    expect(saved.profiles.default).toEqual({ token: 'cli-auth-old-config-22222', baseUrl: server.url });
    expect(saved.profiles.work).toMatchObject({ token: 'cli-auth-work-0000000000' });
    expect(mode(file)).toBe('600');
  });
});

describe.concurrent('a profile is bound to its server', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('login saves PACHCA_BASE_URL; later commands go there without it, and never elsewhere', async (context) => {
    const [saved, other] = await Promise.all([fakeApi(context), fakeApi(context)]);
    const xdg = tempDir();
    // The spawned binary, as a user would run it.
    const login = await runCli(['auth', 'login', '--token', TOKEN], {
      env: { XDG_CONFIG_HOME: xdg, PACHCA_BASE_URL: saved.url },
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`of user 12 at ${saved.url}; saved as profile "default"`);
    const file = join(xdg, 'pachca', 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default.baseUrl).toBe(saved.url);

    const env = { XDG_CONFIG_HOME: xdg };
    const list = await runInProcess(['auth', 'list', '-o', 'json'], { env });
    expect(list.json()[0].base_url).toBe(saved.url);
    const status = await runInProcess(['auth', 'status', '-o', 'json'], { env });
    expect(status.json()).toMatchObject({ profile: 'default', base_url: saved.url });

    const home = await runInProcess(['profile', 'get'], { env });
    expect(home.code, home.stderr).toBe(0);
    expect(home.json().token_seen).toBe(TOKEN);

    const before = saved.requests.length;
    const [byFlag, byEnv] = await Promise.all([
      runCli(['profile', 'get', '--base-url', other.url], { env }),
      runInProcess(['profile', 'get'], { env: { ...env, PACHCA_BASE_URL: `${other.url}/api/shared/v1` } }),
    ]);
    for (const [run, pointedBy] of [
      [byFlag, '--base-url'],
      [byEnv, 'PACHCA_BASE_URL'],
    ] as const) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `Profile "default" was saved for ${saved.url}, but ${pointedBy} points at ${other.url}: its token is sent only to ${saved.url}`,
      );
      expect(run.stderr).not.toContain(TOKEN);
    }
    expect(other.requests).toEqual([]);
    expect(saved.requests.length).toBe(before);

    // The same origin under another path is the same server.
    const samePath = await runInProcess(['profile', 'get', '--base-url', `${saved.url}/`], { env });
    expect(samePath.code, samePath.stderr).toBe(0);
  });

  it('an explicit --token or PACHCA_TOKEN goes wherever it is told, whatever the profiles say', async (context) => {
    const [saved, other] = await Promise.all([fakeApi(context), fakeApi(context)]);
    const xdg = tempDir();
    const env = { XDG_CONFIG_HOME: xdg };
    const login = await runInProcess(['auth', 'login', '--token', TOKEN, '--base-url', saved.url], { env });
    expect(login.code, login.stderr).toBe(0);
    const runs = await Promise.all([
      runInProcess(['profile', 'get', '--base-url', other.url, '--token', 'cli-auth-flag'], { env }),
      runInProcess(['profile', 'get'], {
        env: { ...env, PACHCA_BASE_URL: other.url, PACHCA_TOKEN: 'cli-auth-env' },
      }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(other.requests.map((r) => r.headers.authorization).sort()).toEqual([
      'Bearer cli-auth-env',
      'Bearer cli-auth-flag',
    ]);
  });

  it('a profile saved without a server (older versions) is bound to the production API', async (context) => {
    const server = await fakeApi(context);
    const xdg = tempDir();
    mkdirSync(join(xdg, 'pachca'), { recursive: true });
    writeFileSync(
      join(xdg, 'pachca', 'config.json'),
      JSON.stringify({ defaultProfile: 'default', profiles: { default: { token: 'cli-auth-old-33333333' } } }),
    );
    const env = { XDG_CONFIG_HOME: xdg };
    const list = await runInProcess(['auth', 'list', '-o', 'json'], { env });
    expect(list.json()[0].base_url).toBe('https://api.pachca.com/api/shared/v1');
    const run = await runInProcess(['profile', 'get', '--base-url', server.url], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `Profile "default" was saved for https://api.pachca.com, but --base-url points at ${server.url}`,
    );
    expect(server.requests).toEqual([]);
    const dryRun = await runInProcess(['profile', 'get', '--dry-run', '-o', 'json'], { env });
    expect(dryRun.json().url).toBe('https://api.pachca.com/api/shared/v1/profile');
  });
});
