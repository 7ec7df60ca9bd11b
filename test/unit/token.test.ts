// The token is checked before anything is sent: a token that is empty, only whitespace, or cannot
// be an HTTP header value is a PachcaTokenError (a PachcaConfigError) naming the problem and where
// it is, never quoting the token, through every way of calling.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Pachca, PachcaConfigError, PachcaTokenError } from '../../src/index.js';
import { useTestServer } from '../support/http-server.js';
import { expectTokenHidden, rejection } from '../support/assertions.js';

const server = useTestServer();
const GOOD = 'ab12CD34ef56GH78ij90KL12mn34OP56qr78ST90'; // 40 characters

const CASES = [
  ['empty', '', /The token is empty/],
  ['only whitespace', ' \t\n ', /The token is only whitespace/],
  ['a NUL after 40 characters', `${GOOD}\0tail`, /control character \(U\+0000\) at position 41/],
  ['a trailing newline (pasted from a file)', `${GOOD}\n`, /control character \(U\+000A\) at position 41/],
  ['a carriage return inside', `ab\rcd${GOOD}`, /control character \(U\+000D\) at position 3/],
  ['an escape character', `${GOOD}\x1b[0m`, /control character \(U\+001B\) at position 41/],
  ['DEL', `\x7f${GOOD}`, /control character \(U\+007F\) at position 1/],
  ['a leading space', ` ${GOOD}`, /a space \(U\+0020\) at position 1/],
  ['a space inside', `${GOOD.slice(0, 10)} ${GOOD.slice(10)}`, /a space \(U\+0020\) at position 11/],
  ['a Cyrillic letter', `${GOOD}Ж`, /a non-Latin-1 character \(U\+0416\) at position 41/],
  ['an emoji', `🔑${GOOD}`, /a non-Latin-1 character \(U\+D83D\) at position 1/],
] as const;

describe('a token that cannot be sent', () => {
  it.for(CASES)('%s: PachcaTokenError naming the problem, nothing sent', async ([, token, message]) => {
    const client = new Pachca({ token, baseUrl: server.url });
    const calls = {
      method: () => client.users.get(1),
      list: () => client.users.listAll(),
      request: () => client.request('getProfile'),
      raw: () => client.raw.GET('/users/{id}', { params: { path: { id: 1 } } }),
    };
    for (const [how, call] of Object.entries(calls)) {
      const error = await rejection(call());
      expect(error, how).toBeInstanceOf(PachcaTokenError);
      expect(error, how).toBeInstanceOf(PachcaConfigError);
      expect((error as Error).message, how).toMatch(message);
      if (token.trim()) {
        expectTokenHidden(error, token);
        expect(inspect(error, { depth: Infinity })).not.toContain(token);
        // Not even the part before the bad character.
        expect((error as Error).message).not.toContain(GOOD);
      }
    }
    expect(server.requests).toHaveLength(0);
  });

  it('is not an error at construction: the first call reports it', () => {
    expect(() => new Pachca({ token: `${GOOD}\0`, baseUrl: server.url })).not.toThrow();
  });

  it('a token taken from PACHCA_TOKEN is checked the same way', async () => {
    const previous = process.env.PACHCA_TOKEN;
    process.env.PACHCA_TOKEN = `${GOOD}\x01`;
    try {
      const error = await rejection(new Pachca({ baseUrl: server.url }).profile.get());
      expect(error).toBeInstanceOf(PachcaTokenError);
      expect((error as Error).message).toMatch(/U\+0001\) at position 41/);
    } finally {
      if (previous === undefined) delete process.env.PACHCA_TOKEN;
      else process.env.PACHCA_TOKEN = previous;
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('a token that can be sent', () => {
  it.for([
    ['letters, digits and b64token punctuation', `${GOOD}-._~+/==`],
    ['a Latin-1 letter (a valid header byte)', `${GOOD}é`],
  ])('%s is sent as is', async ([, token]) => {
    server.script({ body: { data: { id: 1 } } });
    await new Pachca({ token, baseUrl: server.url }).profile.get();
    expect(server.requests).toHaveLength(1);
    // node:http reads header bytes as Latin-1.
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
  });
});
