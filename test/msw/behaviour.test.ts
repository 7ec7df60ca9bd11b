// What the MSW handlers do beyond answering examples, matching the Prism mock: a request without
// `Authorization: Bearer …` gets the 401 example; a body missing a required property (at any
// depth) or with a wrong type gets a 422 in the API's error shape; lists end; 204 has no body;
// the status GETs can answer null; every answer has an x-request-id. Plus the options of mock.*().
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultBaseUrl, mswOperations } from '../../generated/msw.js';
import {
  Pachca,
  PachcaAuthenticationError,
  PachcaNotFoundError,
  PachcaValidationError,
  type PachcaApiError,
  type components,
} from '../../src/index.js';
import { handlers, mock } from '../../src/msw/index.js';
import { PNG } from '../support/sdk-calls.js';

const server = setupServer(...handlers());
const TOKEN = 'msw-behaviour-token';
const REQUEST_ID = mswOperations.getUser.responses[200].headers['x-request-id'];
const client = new Pachca({ token: TOKEN, maxRetries: 0, timeoutMs: 5_000 });
const api = (path: string) => `${defaultBaseUrl}${path}`;
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The typed error a call rejects with. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('the call succeeded'),
    (error: PachcaApiError) => error,
  );

describe('authentication', () => {
  it('answers the spec 401 example to a request without a Bearer token', async () => {
    for (const headers of [
      {},
      { Authorization: `bearer ${TOKEN}` },
      { Authorization: 'Bearer ' },
      { Authorization: TOKEN },
    ] as Record<string, string>[]) {
      const response = await fetch(api('/users/12'), { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toEqual(mswOperations.getUser.responses[401].examples.invalidToken);
      expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
    }
  });

  it('refuses before answering a chosen response, as Prism does', async () => {
    server.use(mock.getUser({ status: 404 }));
    expect((await fetch(api('/users/12'))).status).toBe(401);
  });

  it('reaches the SDK as PachcaAuthenticationError', async () => {
    const withoutToken = new Pachca({
      token: TOKEN,
      maxRetries: 0,
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.delete('authorization');
        return fetch(request);
      },
    });
    const error = await failure(withoutToken.profile.get());
    expect(error).toBeInstanceOf(PachcaAuthenticationError);
    expect(error.error).toBe('invalid_token');
  });
});

describe('request body validation', () => {
  it('names a required property missing at depth: user.email of createUser', async () => {
    const error = await failure(client.users.create({ user: { first_name: 'Ivan' } } as never));
    expect(error).toBeInstanceOf(PachcaValidationError);
    expect(error.requestId).toBe(REQUEST_ID);
    expect(error.errors).toEqual([
      { key: 'user.email', value: null, message: 'is required', code: 'required', payload: null },
    ]);
  });

  it('names every value of a wrong type or outside its enum, in objects and array items', async () => {
    const body = {
      user: {
        email: 'ivan@example.com',
        role: 'boss',
        list_tags: ['Backend', 7],
        custom_properties: [{ id: 'city', value: 'Moscow' }, { value: 'Kazan' }],
      },
      skip_email_notify: 'yes',
    };
    const error = await failure(client.users.create(body as never));
    expect(error).toBeInstanceOf(PachcaValidationError);
    expect(error.errors.map(({ key, code, value }) => ({ key, code, value }))).toEqual([
      { key: 'user.role', code: 'inclusion', value: 'boss' },
      { key: 'user.list_tags[1]', code: 'invalid', value: '7' },
      { key: 'user.custom_properties[0].id', code: 'invalid', value: 'city' },
      { key: 'user.custom_properties[1].id', code: 'required', value: null },
      { key: 'skip_email_notify', code: 'invalid', value: 'yes' },
    ]);
    for (const item of error.errors)
      expect(Object.keys(item).sort()).toEqual(['code', 'key', 'message', 'payload', 'value']);
  });

  it('checks the inner object of the status operations and the group tag name', async () => {
    const status = await failure(client.users.updateStatus(12, { emoji: '🤒', title: 42 } as never));
    expect(status.errors.map((e) => e.key)).toEqual(['status.title']);
    const tag = await failure(client.groupTags.create({ group_tag: {} } as never));
    expect(tag.errors.map((e) => [e.key, e.message])).toEqual([['group_tag.name', 'is required']]);
  });

  it('refuses a body that is not JSON, or not an object, as a whole', async () => {
    for (const body of ['{not json', '[]', 'null']) {
      const response = await fetch(api('/group_tags'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(422);
      const { errors } = (await response.json()) as { errors: { key: string; message: string }[] };
      expect(errors.map((e) => [e.key, e.message])).toEqual([['body', 'must be object']]);
    }
  });

  it('refuses an upload without its image part', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'me.png');
    const response = await fetch(api('/profile/avatar'), { method: 'PUT', headers: auth, body: form });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { key: string }[] }).errors.map((e) => e.key)).toEqual(['image']);
    expect(await client.profile.updateAvatar(new Blob([PNG], { type: 'image/png' }))).toEqual({
      image_url: expect.any(String),
    });
  });
});

describe('answers', () => {
  it('end a list: for await stops after the last page (has_next: false)', async () => {
    const seen: number[] = [];
    for await (const user of client.users.list({ limit: 2 })) seen.push(user.id);
    const lastPage = mswOperations.listUsers.responses[200].examples.lastPage as {
      data: { id: number }[];
      meta: unknown;
    };
    expect(seen).toEqual(lastPage.data.map((user) => user.id));
    expect(lastPage.meta).toMatchObject({ paginate: { has_next: false } });
    const tags = mswOperations.listGroupTags.responses[200].examples.lastPage as { data: unknown[] };
    expect(await client.groupTags.listAll()).toEqual(tags.data);
  });

  it('answer 204 with no body', async () => {
    const response = await fetch(api('/users/12'), { method: 'DELETE', headers: auth });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-type')).toBeNull();
    expect(await client.users.delete(12)).toBeUndefined();
  });

  it('answer null for the status GETs when the null example is named', async () => {
    server.use(mock.getProfileStatus({ example: 'none' }), mock.getUserStatus({ example: 'none' }));
    expect(await client.profile.getStatus()).toBeNull();
    expect(await client.users.getStatus(12)).toBeNull();
    const response = await fetch(api('/profile/status'), { headers: auth });
    expect(await response.text()).toBe('null');
  });

  it('carry an x-request-id, which headers can replace', async () => {
    for (const [path, method] of [
      ['/profile', 'GET'],
      ['/users/12', 'DELETE'],
      ['/group_tags', 'POST'],
    ] as const) {
      const response = await fetch(api(path), { method, headers: auth });
      expect(response.headers.get('x-request-id'), `${method} ${path}`).toBe(REQUEST_ID);
    }
    server.use(mock.listUsers({ headers: { 'x-request-id': 'req-1', 'x-extra': 'yes' } }));
    const response = await fetch(api('/users'), { headers: auth });
    expect([response.headers.get('x-request-id'), response.headers.get('x-extra')]).toEqual(['req-1', 'yes']);
  });
});

describe('mock options', () => {
  it('body: answers the given body with the chosen status', async () => {
    const user = (mswOperations.getUser.responses[200].examples.user as { data: object }).data;
    server.use(mock.getUser({ body: { data: { ...(user as components['schemas']['User']), first_name: 'Ivan' } } }));
    expect(await client.users.get(12)).toMatchObject({ first_name: 'Ivan' });
    server.use(mock.createGroupTag({ status: 422, body: { errors: [] } }));
    expect(await failure(client.groupTags.create({ group_tag: { name: 'QA' } }))).toBeInstanceOf(PachcaValidationError);
  });

  it('delayMs: answers no sooner than asked', async () => {
    server.use(mock.getUser({ delayMs: 250 }));
    const started = performance.now();
    await client.users.get(12);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('baseUrl: intercepts at another base URL, for handlers() and mock.*()', async () => {
    const baseUrl = 'http://localhost:3000/api';
    server.use(...handlers({ baseUrl }));
    const local = new Pachca({ token: TOKEN, baseUrl, maxRetries: 0 });
    expect(await local.users.get(12)).toMatchObject({ id: 12 });
    server.use(mock.getUser({ baseUrl: `${baseUrl}/`, status: 404 }));
    expect(await failure(local.users.get(12))).toBeInstanceOf(PachcaNotFoundError);
    expect(await client.users.get(12)).toMatchObject({ id: 12 });
  });

  it('rejects at once what the spec does not declare, for callers without types', () => {
    const untyped = mock as unknown as Record<string, (options: object) => unknown>;
    expect(() => untyped.getUser!({ status: 418 })).toThrow(
      'getUser has no 418 response; the API documents 200, 401, 402, 403, 404, 429, 500, 502, 503, 504',
    );
    expect(() => untyped.getUser!({ example: 'robot' })).toThrow(
      'getUser 200 has no example "robot"; its examples: user, bot',
    );
    expect(() => untyped.getUser!({ example: 'bot', body: {} })).toThrow('getUser: pass example or body, not both');
    expect(() => untyped.deleteUser!({ body: {} })).toThrow('deleteUser answers 204, which has no body');
  });
});
