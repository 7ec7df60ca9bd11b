// One behaviour, two transports: each scenario is a sequence of API calls that test/scenarios/
// two-transports.test.ts runs against the emulator server and against a pachca-sdk/msw workspace,
// then compares the two transcripts. A scenario works on a workspace that other suites share: it
// creates what it changes, named after `run` (the same on both transports, unique to the test
// run), and reads only its own data and seeded data that no suite changes. Its own expectations
// make sure that two transports failing alike do not pass as equal.
import { expect } from 'vitest';
import { PNG } from '../support/sdk-calls.js';
import type { Exchange, Transport } from './transport.js';

export interface Scenario {
  name: string;
  run(api: Transport, run: string): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, checked against the spec elsewhere
type Body = any;
const dataOf = (exchange: Exchange | undefined): Body => (exchange?.body as Body)?.data;

const createUser = async (api: Transport, run: string, name: string, extra: Record<string, unknown> = {}) => {
  const created = await api.send('POST', '/users', {
    json: {
      user: { email: `${run}.${name}@example.com`, first_name: name, last_name: run, ...extra },
      skip_email_notify: true,
    },
  });
  expect(created.status, `create ${name}`).toBe(201);
  return dataOf(created).id as number;
};

const avatarForm = () => {
  const form = new FormData();
  form.append('image', new Blob([PNG], { type: 'image/png' }), 'avatar.png');
  return form;
};

/** Every page of a list, following next_page until has_next is false or `total` items came. */
async function walk(api: Transport, path: string): Promise<Body[]> {
  const items: Body[] = [];
  for (let cursor = ''; ; ) {
    const page = await api.send('GET', `${path}${cursor}`);
    expect(page.status).toBe(200);
    const { data, meta } = page.body as Body;
    items.push(...data);
    const total = meta.total as number | undefined;
    if (data.length === 0 || meta.paginate.has_next === false || (total !== undefined && items.length >= total))
      return items;
    cursor = `&cursor=${encodeURIComponent(meta.paginate.next_page)}`;
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'creates, reads, updates and deletes a user',
    async run(api, run) {
      const id = await createUser(api, run, 'ivan', { department: 'Sales', title: 'Manager' });
      expect(dataOf(await api.send('GET', `/users/${id}`))).toMatchObject({
        department: 'Sales',
        invite_status: 'sent',
      });
      const updated = await api.send('PUT', `/users/${id}`, { json: { user: { department: 'R&D' } } });
      expect(dataOf(updated)).toMatchObject({ department: 'R&D', title: 'Manager' });
      const taken = await api.send('POST', '/users', { json: { user: { email: `${run}.ivan@example.com` } } });
      expect(taken.status).toBe(422);
      expect((await api.send('DELETE', `/users/${id}`)).status).toBe(204);
      expect((await api.send('GET', `/users/${id}`)).status).toBe(404);
      expect((await api.send('DELETE', `/users/${id}`)).status).toBe(404);
    },
  },
  {
    name: 'searches users and pages through the results',
    async run(api, run) {
      const ids: number[] = [];
      for (const name of ['anton', 'boris', 'vera', 'galina', 'denis']) ids.push(await createUser(api, run, name));
      const found = await walk(api, `/users?query=${run}&limit=2`);
      expect(found.map((user) => user.id).sort()).toEqual([...ids].sort());
      const byEmail = await api.send('GET', `/users?query=${run}.vera@`);
      expect(dataOf(byEmail).map((user: Body) => user.id)).toEqual([ids[2]]);
      expect((await api.send('GET', `/users?query=${run}-nobody`)).body).toMatchObject({
        data: [],
        meta: { total: 0 },
      });
    },
  },
  {
    name: 'reads the seeded workspace the same way',
    async run(api) {
      for (const path of [
        '/users/17',
        '/users/18',
        '/users/19/status',
        '/custom_properties?entity_type=User',
        '/custom_properties?entity_type=Task',
      ]) {
        expect((await api.send('GET', path)).status, path).toBe(200);
      }
    },
  },
  {
    name: 'keeps group tags and their members consistent',
    async run(api, run) {
      const name = `${run} QA`;
      const created = await api.send('POST', '/group_tags', { json: { group_tag: { name } } });
      expect(created.status).toBe(201);
      const tag = dataOf(created).id as number;
      expect((await api.send('POST', '/group_tags', { json: { group_tag: { name } } })).status).toBe(422);
      const member = await createUser(api, run, 'tagged', { list_tags: [name] });
      expect(dataOf(await api.send('GET', `/group_tags?names[]=${encodeURIComponent(name)}`))).toEqual([
        { id: tag, name, users_count: 1 },
      ]);
      expect((await walk(api, `/group_tags/${tag}/users?limit=1`)).map((user) => user.id)).toEqual([member]);
      await api.send('PUT', `/group_tags/${tag}`, { json: { group_tag: { name: `${name} renamed` } } });
      expect(dataOf(await api.send('GET', `/users/${member}`)).list_tags).toEqual([`${name} renamed`]);
      expect((await api.send('DELETE', `/group_tags/${tag}`)).status).toBe(204);
      expect(dataOf(await api.send('GET', `/users/${member}`)).list_tags).toEqual([]);
      expect((await api.send('GET', `/group_tags/${tag}`)).status).toBe(404);
    },
  },
  {
    name: 'sets, reads and clears a status',
    async run(api, run) {
      const id = await createUser(api, run, 'status');
      expect((await api.send('GET', `/users/${id}/status`)).body).toBeNull();
      const status = {
        emoji: '🏖️',
        title: 'On vacation',
        is_away: true,
        away_message: 'Back soon',
        expires_at: '2031-03-10T23:59:59.000Z',
      };
      const set = await api.send('PUT', `/users/${id}/status`, { json: { status } });
      expect(dataOf(set)).toEqual({ ...status, away_message: { text: 'Back soon' } });
      expect(dataOf(await api.send('GET', `/users/${id}`)).user_status).toEqual(dataOf(set));
      const wrong = await api.send('PUT', `/users/${id}/status`, { json: { status: { ...status, emoji: 'no' } } });
      expect(wrong.status).toBe(422);
      expect((await api.send('DELETE', `/users/${id}/status`)).status).toBe(204);
      expect((await api.send('GET', `/users/${id}/status`)).body).toBeNull();
    },
  },
  {
    name: 'uploads an avatar, serves it back and removes it',
    async run(api, run) {
      const id = await createUser(api, run, 'avatar');
      const uploaded = await api.send('PUT', `/users/${id}/avatar`, { form: avatarForm() });
      expect(uploaded.status).toBe(200);
      const url = dataOf(uploaded).image_url as string;
      expect(url.startsWith(`${api.baseUrl}/__emulator/avatars/`)).toBe(true);
      expect((await api.image(url)).body).toEqual({ bytes: [...PNG] });
      expect(dataOf(await api.send('GET', `/users/${id}`)).image_url).toBe(url);
      expect((await api.send('DELETE', `/users/${id}/avatar`)).status).toBe(204);
      expect(dataOf(await api.send('GET', `/users/${id}`)).image_url).toBeNull();
    },
  },
  {
    name: 'answers each token of the table as the API would',
    async run(api, run) {
      const id = await createUser(api, run, 'tokens');
      // What each token may do (README, Emulator tokens): read a user, read its token's info,
      // change a user, create a tag, change the owner. No token at all is refused alike.
      const table: [token: string | null, statuses: number[]][] = [
        ['test-token', [200, 200, 200, 201, 200]],
        ['admin-token', [200, 200, 200, 201, 403]],
        ['user-token', [200, 200, 403, 403, 403]],
        ['bot-token', [200, 200, 403, 403, 403]],
        ['readonly-token', [200, 200, 403, 403, 403]],
        ['guest-token', [403, 200, 403, 403, 403]],
        ['nobody', [401, 401, 401, 401, 401]],
        [null, [401, 401, 401, 401, 401]],
      ];
      for (const [token, expected] of table) {
        const statuses: number[] = [];
        for (const [method, path, json] of [
          ['GET', `/users/${id}`, undefined],
          // It needs no scope, so even a guest may read its own token's info.
          ['GET', '/oauth/token/info', undefined],
          ['PUT', `/users/${id}`, { user: { title: `Title by ${token}` } }],
          ['POST', '/group_tags', { group_tag: { name: `${run} by ${token}` } }],
          ['PUT', '/users/12', { user: { title: 'CIO' } }],
        ] as const) {
          statuses.push((await api.send(method, path, { token, json })).status);
        }
        expect(statuses, String(token)).toEqual(expected);
      }
      const seenByBot = api.transcript.filter((exchange) => exchange.request === `GET /users/${id}`)[3];
      expect(dataOf(seenByBot)).toMatchObject({ id, email: null, phone_number: null });
    },
  },
  {
    name: 'injects faults on one path, then answers normally',
    async run(api, run) {
      const id = await createUser(api, run, 'faults');
      const path = `/users/${id}`;
      await api.fault({ method: 'GET', path }, { status: 503, times: 2 });
      for (let i = 0; i < 2; i++) expect((await api.send('GET', path, { undeclared: true })).status).toBe(503);
      expect((await api.send('GET', path)).status).toBe(200);
      await api.fault({ method: 'GET', path }, { status: 429, retryAfter: 2 });
      expect((await api.send('GET', path, { undeclared: true })).headers).toEqual({ 'retry-after': '2' });
      await api.fault({ method: 'PUT', path }, { delayMs: 100 });
      const started = Date.now();
      expect((await api.send('PUT', path, { json: { user: { title: 'Slow' } } })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    },
  },
];
