// The request id of a call that worked: `onResponse` gets the call's HTTP response (the last
// attempt's), for each page of a list, and for an error too, before the result is read.
import { describe, expect, it } from 'vitest';
import { PachcaNotFoundError } from '../../src/index.js';
import { clientFor, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const server = useTestServer();

const ids = () => {
  const seen: (string | null)[] = [];
  return { seen, onResponse: (response: Response) => seen.push(response.headers.get('x-request-id')) };
};

describe('onResponse', () => {
  it("gives a successful call's request id: the last attempt's, once", async () => {
    const { seen, onResponse } = ids();
    server.script(
      { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req-busy' } },
      { body: { data: { id: 13 } }, headers: { 'x-request-id': 'req-ok' } },
    );
    await expect(clientFor(server, { maxRetries: 1 }).users.get(13, { onResponse })).resolves.toEqual({ id: 13 });
    expect(seen).toEqual(['req-ok']);
  });

  it('is called for each page of a list, and for a 204', async () => {
    const { seen, onResponse } = ids();
    server.script(
      { body: { data: [{ id: 1 }], meta: { paginate: { next_page: 'c2' } } }, headers: { 'x-request-id': 'page-1' } },
      { body: { data: [{ id: 2 }], meta: { paginate: { next_page: null } } }, headers: { 'x-request-id': 'page-2' } },
    );
    const client = clientFor(server);
    expect(await client.users.listAll({}, { onResponse })).toEqual([{ id: 1 }, { id: 2 }]);
    server.script({ status: 204, headers: { 'x-request-id': 'deleted' } });
    await client.users.delete(13, { onResponse });
    expect(seen).toEqual(['page-1', 'page-2', 'deleted']);
  });

  it('sees an error answer too, whose id the error also carries', async () => {
    const { seen, onResponse } = ids();
    server.script({ status: 404, body: { errors: [] }, headers: { 'x-request-id': 'req-404' } });
    const error = await rejection(clientFor(server).users.get(99, { onResponse }));
    expect(error).toBeInstanceOf(PachcaNotFoundError);
    expect(seen).toEqual(['req-404']);
    expect((error as PachcaNotFoundError).requestId).toBe('req-404');
  });
});
