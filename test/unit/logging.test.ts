// What the SDK logs (`logLevel`, `logger`, PACHCA_LOG): the lines of each level, the retry's reason
// and wait, request ids, bodies only at debug, the token never, and nothing by default.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Pachca,
  PachcaConfigError,
  PachcaTokenError,
  type Logger,
  type LogLevel,
  type PachcaOptions,
} from '../../src/index.js';
import { TOKEN, clientFor, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const server = useTestServer();
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

type Line = [level: keyof Logger, message: string];

/** A logger that keeps every line with its level. */
function recorder(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const logger = {
    debug: (message: string) => lines.push(['debug', message]),
    info: (message: string) => lines.push(['info', message]),
    warn: (message: string) => lines.push(['warn', message]),
    error: (message: string) => lines.push(['error', message]),
  };
  return { logger, lines };
}

function logged(logLevel: LogLevel | undefined, options: PachcaOptions = {}) {
  const { logger, lines } = recorder();
  const client = clientFor(server, { ...(logLevel && { logLevel }), logger, maxRetries: 2, ...options });
  return { client, lines };
}

const NOW_AGAIN = { 'retry-after': '0' };
const MARKER = 'body-marker-7c1e';
const USER = { body: { data: { id: 13, title: MARKER } }, headers: { 'x-request-id': 'req-ok' } };
const BUSY = { status: 503, headers: { ...NOW_AGAIN, 'x-request-id': 'req-busy' }, body: { errors: [], note: MARKER } };
const NOT_FOUND = {
  status: 404,
  headers: { 'x-request-id': 'req-404' },
  body: { errors: [{ key: 'id', value: 99, message: 'not found', code: 'not_found', payload: null }] },
};
const consoleMethods = () =>
  (['debug', 'info', 'warn', 'error', 'log'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => {}),
  );

describe('levels', () => {
  it('debug: one line per attempt (method, URL, status, request id, time, attempt, retry reason and wait, bodies)', async () => {
    const { client, lines } = logged('debug');
    server.script(BUSY, USER);
    await client.users.get(13);
    const url = `${server.url}/users/13`;
    expect(lines).toEqual([
      [
        'debug',
        expect.stringMatching(
          new RegExp(
            `^pachca-sdk: GET ${url} → 503 Service Unavailable, request id req-busy, \\d+ ms, attempt 1 of 3; ` +
              `server error, retrying in 0 ms \\(Retry-After: 0\\); received \\{"errors":\\[\\],"note":"${MARKER}"\\}$`,
          ),
        ),
      ],
      ['warn', expect.stringMatching(/attempt 1 of 3; server error, retrying in 0 ms \(Retry-After: 0\)$/)],
      [
        'debug',
        expect.stringMatching(
          new RegExp(
            `^pachca-sdk: GET ${url} → 200 OK, request id req-ok, \\d+ ms, attempt 2 of 3; received .*${MARKER}`,
          ),
        ),
      ],
      ['info', expect.stringMatching(new RegExp(`^pachca-sdk: GET ${url} → 200 OK, request id req-ok, \\d+ ms$`))],
    ]);
  });

  it('debug shows the request body, and a multipart upload by its size', async () => {
    const { client, lines } = logged('debug');
    server.script({ body: { data: { id: 13 } } });
    await client.users.update(13, { user: { title: MARKER } });
    expect(lines[0]?.[1]).toContain(`; sent {"user":{"title":"${MARKER}"}}; received {"data":{"id":13}}`);
    server.script({ body: { data: { image_url: 'https://example.com/a.png' } } });
    await client.users.updateAvatar(13, new Uint8Array([137, 80, 78, 71]));
    expect(lines.at(-2)?.[1]).toMatch(/; sent \(multipart\/form-data, \d+ bytes\); received/);
  });

  it('debug cuts a long body', async () => {
    const { client, lines } = logged('debug');
    server.script({ body: { data: { id: 13, title: 'x'.repeat(5_000) } } });
    await client.users.get(13);
    expect(lines[0]?.[1]).toMatch(/x… \(3\d{3} more characters\)$/);
  });

  it('info: one line per call, no attempts and no bodies', async () => {
    const { client, lines } = logged('info');
    server.script(BUSY, USER);
    await client.users.get(13);
    expect(lines.map(([level]) => level)).toEqual(['warn', 'info']);
    expect(lines[1]?.[1]).toMatch(/→ 200 OK, request id req-ok, \d+ ms$/);
    expect(JSON.stringify(lines)).not.toContain(MARKER);
  });

  it('warn: each retry with its reason and wait; a 429 is a rate-limit wait; a backoff says so', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, lines } = logged('warn');
    server.script({ status: 429, headers: { 'retry-after': '0' } }, { status: 502 }, USER);
    await client.users.get(13);
    expect(lines).toEqual([
      [
        'warn',
        expect.stringMatching(
          /→ 429 Too Many Requests, \d+ ms, attempt 1 of 3; rate limited, retrying in 0 ms \(Retry-After: 0\)$/,
        ),
      ],
      [
        'warn',
        expect.stringMatching(/→ 502 Bad Gateway, \d+ ms, attempt 2 of 3; server error, retrying in 0 ms \(backoff\)$/),
      ],
    ]);
  });

  it('warn: a dropped connection and a timeout are retried with their reason', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, lines } = logged('warn', { timeoutMs: 500 });
    server.script({ destroy: true }, { hang: true }, USER);
    await client.users.get(13);
    expect(lines.map(([, line]) => line.replace(/.*attempt/, 'attempt'))).toEqual([
      'attempt 1 of 3; connection failed, retrying in 0 ms (backoff)',
      'attempt 2 of 3; timed out, retrying in 0 ms (backoff)',
    ]);
    expect(lines[1]?.[1]).toContain('→ timed out after 500 ms');
  });

  it('error: only failed calls, with the error class, its message and the request id', async () => {
    const { client, lines } = logged('error');
    server.script(USER);
    await client.users.get(13);
    server.script(NOT_FOUND);
    await rejection(client.users.get(99));
    expect(lines).toEqual([
      [
        'error',
        expect.stringMatching(
          new RegExp(
            `^pachca-sdk: GET ${server.url}/users/99 failed after \\d+ ms: PachcaNotFoundError: 404 GET .* — request id req-404$`,
          ),
        ),
      ],
    ]);
  });

  it('error: a call that fails before sending, and a POST, which is never retried', async () => {
    const { logger, lines } = recorder();
    const noToken = new Pachca({ token: '', baseUrl: server.url, logLevel: 'error', logger });
    expect(await rejection(noToken.users.get(13))).toBeInstanceOf(PachcaTokenError);
    expect(lines[0]?.[1]).toMatch(/GET .*\/users\/13 failed after \d+ ms: PachcaTokenError: /);
    const { client, lines: debug } = logged('debug');
    server.script(BUSY);
    await rejection(client.groupTags.create({ group_tag: { name: 'QA' } }));
    expect(debug.map(([level]) => level)).toEqual(['debug', 'error']);
    expect(debug[0]?.[1]).toMatch(/→ 503 Service Unavailable, request id req-busy, \d+ ms, attempt 1 of 1; sent /);
  });

  it('client.raw logs its calls too; a non-2xx answer is a failed call', async () => {
    const { client, lines } = logged('info');
    server.script(NOT_FOUND);
    await client.raw.GET('/users/{id}', { params: { path: { id: 99 } } });
    expect(lines).toEqual([
      ['error', expect.stringMatching(/GET .*\/users\/\{id\} → 404 Not Found, request id req-404/)],
    ]);
  });
});

describe('the token', () => {
  it('never appears at any level: not from the headers, a body, an echo or the URL', async () => {
    const { client, lines } = logged('debug');
    // The server echoes the token in a header, the body and the error; the caller puts it in the
    // query and the request body.
    server.script(
      { status: 503, headers: { ...NOW_AGAIN, 'x-request-id': TOKEN }, body: { echo: `Bearer ${TOKEN}` } },
      {
        status: 422,
        headers: { 'x-request-id': `req-${TOKEN}` },
        body: { errors: [{ key: 'title', value: TOKEN, message: TOKEN, code: 'invalid', payload: null }] },
      },
    );
    await rejection(client.users.update(13, { user: { title: TOKEN } }));
    server.script({ body: { data: [], meta: { paginate: { next_page: null } } } });
    await client.users.list({ query: TOKEN });
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    expect(JSON.stringify(lines)).toContain('***');
  });
});

describe('configuration', () => {
  it('logs nothing by default, not even to the console', async () => {
    const spies = consoleMethods();
    server.script(BUSY, USER);
    await clientFor(server, { maxRetries: 2 }).users.get(13);
    server.script(NOT_FOUND);
    await rejection(clientFor(server).users.get(99));
    expect(spies.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });

  it('a level without a logger writes to the console', async () => {
    const [debug, info] = consoleMethods();
    server.script(USER);
    await clientFor(server, { logLevel: 'info' }).users.get(13);
    expect(debug?.mock.calls).toEqual([]);
    expect(info?.mock.calls).toEqual([[expect.stringMatching(/^pachca-sdk: GET .* → 200 OK/)]]);
  });

  it('PACHCA_LOG sets the level (in any case), and the option wins over it', async () => {
    vi.stubEnv('PACHCA_LOG', ' Info ');
    const fromEnv = logged(undefined);
    server.script(USER);
    await fromEnv.client.users.get(13);
    expect(fromEnv.lines.map(([level]) => level)).toEqual(['info']);
    vi.stubEnv('PACHCA_LOG', 'debug');
    const off = logged('off');
    await off.client.users.get(13);
    expect(off.lines).toEqual([]);
  });

  it('a logger without a level logs from warn up', async () => {
    const { client, lines } = logged(undefined);
    server.script(BUSY, USER);
    await client.users.get(13);
    server.script(NOT_FOUND);
    await rejection(client.users.get(99));
    expect(lines.map(([level]) => level)).toEqual(['warn', 'error']);
  });

  it('an unknown level is a PachcaConfigError that names where it came from', () => {
    expect(() => new Pachca({ token: TOKEN, logLevel: 'verbose' as LogLevel })).toThrow(
      new PachcaConfigError('logLevel must be one of debug, info, warn, error, off; got "verbose"'),
    );
    vi.stubEnv('PACHCA_LOG', 'trace');
    expect(() => new Pachca({ token: TOKEN })).toThrow(
      new PachcaConfigError('PACHCA_LOG must be one of debug, info, warn, error, off; got "trace"'),
    );
  });

  it('takes a pino-like logger, whose methods need their `this`', async () => {
    class PinoLike {
      readonly records: { level: number; msg: string }[] = [];
      readonly #write = (level: number, msg: string) => this.records.push({ level, msg });
      debug(msg: string) {
        this.#write(20, msg);
      }
      info(msg: string) {
        this.#write(30, msg);
      }
      warn(msg: string) {
        this.#write(40, msg);
      }
      error(msg: string) {
        this.#write(50, msg);
      }
    }
    const pino = new PinoLike();
    server.script(BUSY, USER);
    await clientFor(server, { maxRetries: 1, logLevel: 'debug', logger: pino }).users.get(13);
    expect(pino.records.map(({ level }) => level)).toEqual([20, 40, 20, 30]);
  });
});
