// Responses whose body is not what the spec promises: HTML error pages from a proxy, malformed
// JSON with a success status, empty bodies. Each becomes the right typed error (or the right
// result for an empty 204) after one request, with the raw text kept for diagnosis. Each test has
// its own server, so they run concurrently.
import { describe, expect, it } from 'vitest';
import {
  PachcaApiError,
  PachcaAuthenticationError,
  PachcaInvalidResponseError,
  PachcaNotFoundError,
  PachcaServerError,
} from '../../src/index.js';
import { expectTokenHidden, timed } from '../support/assertions.js';
import { FAULT_TOKEN, faultClient, serve, type FaultHandler } from './fault-server.js';

const reply =
  (status: number, contentType: string, body: string): FaultHandler =>
  (_, res) => {
    res.writeHead(status, { 'content-type': contentType, 'x-request-id': 'req-fault-1' });
    res.end(body);
  };

const htmlPage = (title: string, extra = '') =>
  `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>${extra}\n<hr><center>nginx</center>\n</body>\n</html>\n`;

/** A debugging proxy that echoes the request headers into its error page. */
const echoingPage =
  (status: number): FaultHandler =>
  (req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(htmlPage(`${status} Error`, `<pre>authorization: ${req.headers.authorization}</pre>`));
  };

describe.concurrent('HTML error pages', () => {
  it.for([
    [502, 'Bad Gateway', PachcaServerError],
    [503, 'Service Temporarily Unavailable', PachcaServerError],
    [404, 'Not Found', PachcaNotFoundError],
    [401, 'Authorization Required', PachcaAuthenticationError],
  ] as const)('%i %s → typed error with the raw page', async ([status, title, ErrorClass], ctx) => {
    const page = htmlPage(`${status} ${title}`);
    const s = await serve(reply(status, 'text/html', page), ctx);
    const { error } = await timed(() => faultClient(s).users.get(12));
    expect(error).toBeInstanceOf(ErrorClass);
    const apiError = error as PachcaApiError;
    expect(apiError).toMatchObject({ status, body: page, errors: [], error: undefined, requestId: 'req-fault-1' });
    expect(apiError.message).toContain(`${status} GET`);
    expect(apiError.message).toContain(`${status} ${title}`);
    expect(s.hits).toBe(1);
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it.for([401, 500])(
    'a %i page echoing the Authorization header keeps the token out of the error text',
    async (status, ctx) => {
      const s = await serve(echoingPage(status), ctx);
      const { error } = await timed(() => faultClient(s).users.get(12));
      expect(error).toBeInstanceOf(PachcaApiError);
      expect((error as PachcaApiError).message).toContain('authorization: Bearer');
      expectTokenHidden(error, FAULT_TOKEN);
    },
  );
});

describe.concurrent('success statuses with a body that is not the promised JSON', () => {
  it.for([
    ['malformed JSON', 'application/json', '{"data": {"id": 12, "first_name": "Ol'],
    ['an HTML page', 'text/html', htmlPage('Sign in to the Wi-Fi')],
    ['JSON without data', 'application/json', '{"user": {"id": 12}}'],
    ['an empty body', 'application/json', ''],
  ] as const)('200 with %s → PachcaInvalidResponseError, not retried', async ([, contentType, body], ctx) => {
    const s = await serve(reply(200, contentType, body), ctx);
    const { error } = await timed(() => faultClient(s, { maxRetries: 3 }).users.get(12));
    expect(error).toBeInstanceOf(PachcaInvalidResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'req-fault-1', bodyText: body.slice(0, 500) });
    expect(s.hits).toBe(1);
    expectTokenHidden(error, FAULT_TOKEN);
  });

  it('malformed JSON echoing the token keeps it out of the error text', async (ctx) => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data": {"debug": "${req.headers.authorization}"`);
    }, ctx);
    const { error } = await timed(() => faultClient(s).users.get(12));
    expect(error).toBeInstanceOf(PachcaInvalidResponseError);
    expectTokenHidden(error, FAULT_TOKEN);
  });
});

describe.concurrent('empty bodies', () => {
  it('an empty 204 resolves a delete with undefined', async (ctx) => {
    const s = await serve((_, res) => res.writeHead(204).end(), ctx);
    const { value, error } = await timed(() => faultClient(s).users.delete(12));
    expect(error).toBeUndefined();
    expect(value).toBeUndefined();
    expect(s.hits).toBe(1);
  });
});
