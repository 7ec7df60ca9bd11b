// Every resource method puts the right method, URL and body on the wire and unwraps the answer.
// The table is keyed by operationId, so an operation added to the spec without a case here fails
// both the typecheck (Record<OperationId, …>) and the coverage test below.
import { beforeEach, describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../generated/operations.js';
import { Pachca, PachcaInputError } from '../../src/index.js';
import { TOKEN, jsonBody, rejection, useTestServer } from '../support/http-server.js';

const PREFIX = '/api/shared/v1';
const STATUS = { emoji: '🏖', title: 'On vacation', expires_at: '2030-01-01T00:00:00.000Z', is_away: true, away_message: 'Back on Monday' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

interface Case {
  call: (client: Pachca) => PromiseLike<unknown>;
  method: string;
  /** Path and query after the base URL, as they reach the server. */
  url: string;
  /** The JSON body expected on the wire; 'multipart' for uploads; undefined for none. */
  body?: unknown;
}

const CASES: Record<OperationId, Case> = {
  getProfile: { call: (c) => c.profile.get(), method: 'GET', url: '/profile' },
  updateProfileAvatar: { call: (c) => c.profile.updateAvatar(PNG), method: 'PUT', url: '/profile/avatar', body: 'multipart' },
  deleteProfileAvatar: { call: (c) => c.profile.deleteAvatar(), method: 'DELETE', url: '/profile/avatar' },
  getProfileStatus: { call: (c) => c.profile.getStatus(), method: 'GET', url: '/profile/status' },
  updateProfileStatus: {
    call: (c) => c.profile.updateStatus(STATUS),
    method: 'PUT',
    url: '/profile/status',
    body: { status: STATUS },
  },
  deleteProfileStatus: { call: (c) => c.profile.deleteStatus(), method: 'DELETE', url: '/profile/status' },
  getTokenInfo: { call: (c) => c.oauth.tokenInfo(), method: 'GET', url: '/oauth/token/info' },
  listCustomProperties: {
    call: (c) => c.customProperties.list({ entity_type: 'User' }),
    method: 'GET',
    url: '/custom_properties?entity_type=User',
  },
  listGroupTags: {
    call: (c) => c.groupTags.list({ names: ['Design team', 'QA'], limit: 2 }),
    method: 'GET',
    url: '/group_tags?names[]=Design%20team&names[]=QA&limit=2',
  },
  createGroupTag: {
    call: (c) => c.groupTags.create({ group_tag: { name: 'QA' } }),
    method: 'POST',
    url: '/group_tags',
    body: { group_tag: { name: 'QA' } },
  },
  getGroupTag: { call: (c) => c.groupTags.get(12), method: 'GET', url: '/group_tags/12' },
  updateGroupTag: {
    call: (c) => c.groupTags.update(12, { group_tag: { name: 'QA team' } }),
    method: 'PUT',
    url: '/group_tags/12',
    body: { group_tag: { name: 'QA team' } },
  },
  deleteGroupTag: { call: (c) => c.groupTags.delete(12), method: 'DELETE', url: '/group_tags/12' },
  listGroupTagUsers: {
    call: (c) => c.groupTags.listUsers(12, { limit: 5, cursor: 'abc' }),
    method: 'GET',
    url: '/group_tags/12/users?limit=5&cursor=abc',
  },
  listUsers: { call: (c) => c.users.list({ query: 'Ivan Petrov', limit: 10 }), method: 'GET', url: '/users?query=Ivan%20Petrov&limit=10' },
  createUser: {
    call: (c) => c.users.create({ user: { email: 'new@example.com', list_tags: ['QA'] }, skip_email_notify: true }),
    method: 'POST',
    url: '/users',
    body: { user: { email: 'new@example.com', list_tags: ['QA'] }, skip_email_notify: true },
  },
  getUser: { call: (c) => c.users.get(7), method: 'GET', url: '/users/7' },
  updateUser: {
    // Only the keys the caller set go on the wire: an undefined key is dropped, nothing is defaulted.
    call: (c) => c.users.update(7, { user: { department: 'R&D', title: undefined } }),
    method: 'PUT',
    url: '/users/7',
    body: { user: { department: 'R&D' } },
  },
  deleteUser: { call: (c) => c.users.delete(7), method: 'DELETE', url: '/users/7' },
  updateUserAvatar: { call: (c) => c.users.updateAvatar(7, PNG), method: 'PUT', url: '/users/7/avatar', body: 'multipart' },
  deleteUserAvatar: { call: (c) => c.users.deleteAvatar(7), method: 'DELETE', url: '/users/7/avatar' },
  getUserStatus: { call: (c) => c.users.getStatus(7), method: 'GET', url: '/users/7/status' },
  updateUserStatus: {
    call: (c) => c.users.updateStatus(7, { emoji: '🤒', title: 'Sick' }),
    method: 'PUT',
    url: '/users/7/status',
    body: { status: { emoji: '🤒', title: 'Sick' } },
  },
  deleteUserStatus: { call: (c) => c.users.deleteStatus(7), method: 'DELETE', url: '/users/7/status' },
};

type PaginatedId = { [K in OperationId]: (typeof operations)[K] extends { paginated: true } ? K : never }[OperationId];

/** listAll* of every paginated operation: the two URLs it must request (second page by cursor). */
const LIST_ALL: Record<PaginatedId, { call: (client: Pachca) => Promise<unknown[]>; urls: [string, string] }> = {
  listUsers: { call: (c) => c.users.listAll({ limit: 1 }), urls: ['/users?limit=1', '/users?limit=1&cursor=next-1'] },
  listGroupTags: {
    call: (c) => c.groupTags.listAll({ names: ['A', 'B'] }),
    urls: ['/group_tags?names[]=A&names[]=B', '/group_tags?names[]=A&names[]=B&cursor=next-1'],
  },
  listGroupTagUsers: {
    call: (c) => c.groupTags.listAllUsers(3),
    urls: ['/group_tags/3/users', '/group_tags/3/users?cursor=next-1'],
  },
};

// The public method names, written out: a spec edit that renames or drops one fails here.
const ISSUE_METHODS = [
  'customProperties.list',
  'groupTags.create', 'groupTags.delete', 'groupTags.get', 'groupTags.list', 'groupTags.listAll',
  'groupTags.listAllUsers', 'groupTags.listUsers', 'groupTags.update',
  'oauth.tokenInfo',
  'profile.deleteAvatar', 'profile.deleteStatus', 'profile.get', 'profile.getStatus', 'profile.updateAvatar',
  'profile.updateStatus',
  'users.create', 'users.delete', 'users.deleteAvatar', 'users.deleteStatus', 'users.get', 'users.getStatus',
  'users.list', 'users.listAll', 'users.update', 'users.updateAvatar', 'users.updateStatus',
];

const ITEM = { id: 1, name: 'sample' };

const server = useTestServer();
let client: Pachca;

beforeEach(() => {
  client = new Pachca({ token: TOKEN, baseUrl: server.url + PREFIX, maxRetries: 0, timeoutMs: 2_000 });
});

describe('resource methods', () => {
  it('has a case for every operation of the generated table', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(operations).sort());
    const paginated = Object.entries(operations).filter(([, op]) => 'paginated' in op).map(([id]) => id);
    expect(Object.keys(LIST_ALL).sort()).toEqual(paginated.sort());
  });

  it('exposes exactly the documented methods', () => {
    const resources = client as unknown as Record<string, Record<string, unknown>>;
    const exposed = ['profile', 'oauth', 'customProperties', 'users', 'groupTags'].flatMap((resource) =>
      Object.keys(resources[resource] ?? {}).map((method) => `${resource}.${method}`),
    );
    expect(exposed.sort()).toEqual([...ISSUE_METHODS].sort());
    for (const name of exposed) {
      const [resource, method] = name.split('.') as [string, string];
      expect(typeof resources[resource]?.[method]).toBe('function');
    }
  });

  it.each(Object.keys(CASES) as OperationId[])('%s sends its method, URL and body and unwraps the answer', async (id) => {
    const testCase = CASES[id];
    const op = operations[id];
    const isList = 'paginated' in op;
    const reply =
      op.success === 204
        ? { status: 204 }
        : { status: op.success, body: isList ? { data: [ITEM], meta: { paginate: { has_next: false, next_page: 'x' } } } : { data: ITEM } };
    server.script(reply);

    const result = await testCase.call(client);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe(testCase.method);
    expect(request?.url).toBe(PREFIX + testCase.url);
    if (testCase.body === 'multipart') {
      expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    } else if (testCase.body === undefined) {
      expect(request?.body.length).toBe(0);
    } else {
      expect(request?.headers['content-type']).toBe('application/json');
      expect(jsonBody(request)).toStrictEqual(testCase.body);
    }

    if (op.success === 204) expect(result).toBeUndefined();
    else if (isList) expect((result as { data: unknown }).data).toEqual([ITEM]);
    else expect(result).toEqual(ITEM);
  });

  it.each(Object.keys(LIST_ALL) as PaginatedId[])('%s: listAll* follows the cursor and collects every page', async (id) => {
    server.script(
      { body: { data: [{ id: 1 }], meta: { paginate: { has_next: true, next_page: 'next-1' } } } },
      { body: { data: [{ id: 2 }], meta: { paginate: { has_next: false, next_page: 'next-2' } } } },
    );
    const items = await LIST_ALL[id].call(client);
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual(LIST_ALL[id].urls.map((url) => PREFIX + url));
  });

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
