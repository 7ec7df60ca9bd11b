// A token that cannot be sent (a control character pasted with it) is reported by the CLI with the
// SDK's own message, exit code 3, before any request, and never echoed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';
import { CLI_TEST_TIMEOUT_MS, runCli, runInProcess, tempDir } from './run-cli.js';

const GOOD = 'cli-token-check-0123456789abcdefghijklmn'; // 40 characters

const server = useTestServer();

describe('pachca with a token that cannot be an HTTP header value', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('from PACHCA_TOKEN (the real binary): the SDK message, exit 3, nothing sent', async () => {
    const token = `${GOOD}\x01rest`;
    const run = await runCli(['--base-url', server.url, 'users', 'get', '1'], { env: { PACHCA_TOKEN: token } });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('Error: The token contains a control character (U+0001) at position 41\n');
    expect(run.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
  });

  it('from --token, with a character headers cannot carry', async () => {
    const run = await runInProcess(['--base-url', server.url, '--token', `${GOOD}Ж`, 'profile', 'get']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('The token contains a non-Latin-1 character (U+0416) at position 41');
    expect(run.stderr).not.toContain(GOOD);
    expect(server.requests).toHaveLength(0);
  });

  it('from the saved login, with a NUL in it', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.config', 'pachca'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'pachca', 'config.json'),
      JSON.stringify({ token: `${GOOD}\0`, baseUrl: server.url }),
      {
        mode: 0o600,
      },
    );
    const run = await runInProcess(['--base-url', server.url, 'users', 'list'], {
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('control character (U+0000) at position 41');
    expect(run.stderr).not.toContain(GOOD);
    expect(server.requests).toHaveLength(0);
  });
});
