// Every resource method puts on the wire what the spec's examples say it should (method, path with
// the example ids, query with the example values under their wire names, the example body) and
// unwraps the answer. The cases come from the spec (test/support/sdk-calls.ts), so an operation
// added to the spec is covered with no change here.
import { beforeEach, describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../generated/operations.js';
import { PATH_PARAM } from '../../src/core/names.js';
import type { OperationRow } from '../../src/core/operation.js';
import { listAllName } from '../../src/core/resources.js';
import { Pachca, PachcaInputError } from '../../src/index.js';
import type { Operation } from '../../scripts/lib/spec.js';
import { TOKEN, jsonBody, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';
import { exampleOf, listAllCall, requestExample, sdkCall } from '../support/sdk-calls.js';
import { specOperations } from '../support/spec.js';

const PREFIX = '/api/shared/v1';
const ops = specOperations();

/** A query string as the API reads it: wire names, one `name[]=value` per array item, %20 for spaces. */
function queryString(params: [string, unknown][]): string {
  const pairs = params.flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => `${name}=${encodeURIComponent(String(item))}`),
  );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The path and query `op` must request when called with the spec's examples. */
function expectedUrl(op: Operation, { withoutCursor = false } = {}): string {
  const path = op.path.replace(PATH_PARAM, (_, name: string) => String(exampleOf(op, name)));
  const query = op.parameters.filter((p) => p.in === 'query' && !(withoutCursor && p.name === 'cursor'));
  return path + queryString(query.map((p) => [p.name, exampleOf(op, p.name)]));
}

/** The JSON body expected on the wire; 'multipart' for uploads; undefined for none. */
function expectedBody(op: Operation): unknown {
  if (!op.requestBody) return undefined;
  return op.requestBody.content['multipart/form-data'] ? 'multipart' : requestExample(op);
}

const ITEM = { id: 1, name: 'sample' };

const server = useTestServer();
let client: Pachca;

beforeEach(() => {
  client = new Pachca({ token: TOKEN, baseUrl: server.url + PREFIX, maxRetries: 0, timeoutMs: 2_000 });
});

describe('resource methods', () => {
  it('covers every operation of the generated table', () => {
    expect(ops.map((op) => op.operationId).sort()).toEqual(Object.keys(operations).sort());
  });

  it('exposes exactly one method per operation, plus the listAll* twin of each paginated one', () => {
    const resources = client as unknown as Record<string, Record<string, unknown>>;
    const rows = Object.values(operations) as OperationRow[];
    const expected = rows.flatMap((row) => {
      const [resource, method] = row.sdk.split('.') as [string, string];
      return 'paginated' in row ? [row.sdk, `${resource}.${listAllName(method)}`] : [row.sdk];
    });
    const groups = [...new Set(rows.map((row) => row.sdk.split('.')[0] as string))];
    const exposed = groups.flatMap((resource) =>
      Object.keys(resources[resource] ?? {}).map((method) => `${resource}.${method}`),
    );
    expect(exposed.sort()).toEqual([...new Set(expected)].sort());
    expect(exposed).toHaveLength(expected.length);
    for (const name of exposed) {
      const [resource, method] = name.split('.') as [string, string];
      expect(typeof resources[resource]?.[method]).toBe('function');
    }
  });

  it.each(ops.map((op) => [op.operationId, op] as const))(
    '%s sends its method, URL and body and unwraps the answer',
    async (id, op) => {
      const row = operations[id as OperationId];
      const isList = 'paginated' in row;
      const reply =
        row.success === 204
          ? { status: 204 }
          : {
              status: row.success,
              body: isList ? { data: [ITEM], meta: { paginate: { has_next: false, next_page: 'x' } } } : { data: ITEM },
            };
      server.script(reply);

      const result = await sdkCall(op)(client);

      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request?.method).toBe(op.method.toUpperCase());
      expect(request?.url).toBe(PREFIX + expectedUrl(op));
      const body = expectedBody(op);
      if (body === 'multipart') {
        expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      } else if (body === undefined) {
        expect(request?.body.length).toBe(0);
      } else {
        expect(request?.headers['content-type']).toBe('application/json');
        expect(jsonBody(request)).toStrictEqual(body);
      }

      if (row.success === 204) expect(result).toBeUndefined();
      else if (isList) expect((result as { data: unknown }).data).toEqual([ITEM]);
      else expect(result).toEqual(ITEM);
    },
  );

  it('sends only the keys the caller set: an undefined key is dropped, nothing is defaulted', async () => {
    server.script({ body: { data: ITEM } });
    await client.users.update(7, { user: { department: 'R&D', title: undefined } });
    expect(jsonBody(server.requests[0])).toStrictEqual({ user: { department: 'R&D' } });
  });

  it('sends an array query parameter Rails-style, one name[]= per item', async () => {
    server.script({ body: { data: [], meta: { paginate: { has_next: false, next_page: 'x' } } } });
    await client.groupTags.list({ names: ['Design team', 'QA'], limit: 2 });
    expect(server.requests[0]?.url).toBe(`${PREFIX}/group_tags?names[]=Design%20team&names[]=QA&limit=2`);
  });

  it.each(ops.filter((op) => op['x-paginated']).map((op) => [op.operationId, op] as const))(
    '%s: listAll* follows the cursor and collects every page',
    async (_, op) => {
      server.script(
        { body: { data: [{ id: 1 }], meta: { paginate: { has_next: true, next_page: 'next-1' } } } },
        { body: { data: [{ id: 2 }], meta: { paginate: { has_next: false, next_page: 'next-2' } } } },
      );
      const items = await listAllCall(op)(client);
      expect(items).toEqual([{ id: 1 }, { id: 2 }]);
      const first = PREFIX + expectedUrl(op, { withoutCursor: true });
      expect(server.requests.map((r) => r.url)).toEqual([
        first,
        `${first}${first.includes('?') ? '&' : '?'}cursor=next-1`,
      ]);
    },
  );

  it('client.request() calls any operation by its operationId', async () => {
    server.script({ body: { data: ITEM } });
    await expect(client.request('getGroupTag', { path: { id: 4 } })).resolves.toEqual(ITEM);
    expect(server.requests[0]?.url).toBe(`${PREFIX}/group_tags/4`);
  });

  it('rejects bad ids, unknown parameters and unknown operations before sending anything', async () => {
    expect(await rejection(client.users.get('7; drop' as unknown as number))).toBeInstanceOf(PachcaInputError);
    expect(await rejection(client.users.list({ page: 2 } as never))).toBeInstanceOf(PachcaInputError);
    expect(await rejection(client.users.update(7, null as never))).toBeInstanceOf(PachcaInputError);
    expect(await rejection(client.request('noSuchOperation' as OperationId))).toBeInstanceOf(PachcaInputError);
    expect(server.requests).toHaveLength(0);
  });
});
