// The emulator's transport, as a browser or curl reaches it: one Node server checking the spec
// in-process, the control endpoints on the same origin, CORS, uploads byte for byte, bad input
// answered with a 4xx in the API's shape while it keeps serving, and writes that stay consistent
// under concurrency. The engine's semantics are
// tested in-process (test/emulator/); this suite tests what the Node server adds.
import { describe, expect, it } from 'vitest';
import { PNG } from '../support/sdk-calls.js';
import { call, emulatorUrl, unique, violations } from '../support/emulator.js';

const json = (body: unknown, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { 'content-type': 'application/json', ...init.headers },
  body: JSON.stringify(body),
});

const createUser = (email: string) =>
  call('/users', json({ user: { email, first_name: 'Test' }, skip_email_notify: true }, { method: 'POST' }));

async function stillServes(): Promise<void> {
  const response = await call('/profile');
  expect(response.status).toBe(200);
  expect(((await response.json()) as { data: { id: number } }).data.id).toBe(12);
}

describe('the public origin', () => {
  it('serves the API at the root, each answer with its own x-request-id', async () => {
    const [a, b] = await Promise.all([call('/users/12'), call('/users/12')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.headers.get('x-request-id')).toBeTruthy();
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('serves the control endpoints on the same origin, and journals the API calls', async () => {
    const first = await call('/users/12');
    const requestId = first.headers.get('x-request-id');
    const response = await call('/__emulator/requests');
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { requestId: string; method: string; path: string }[] };
    expect(data.find((entry) => entry.requestId === requestId)).toMatchObject({ method: 'GET', path: '/users/12' });
  });

  it('answers a browser preflight for the API and for the control endpoints', async () => {
    const origin = 'http://localhost:5173';
    for (const [path, method] of [
      ['/users/12', 'PUT'],
      ['/__emulator/reset', 'POST'],
    ] as const) {
      const response = await call(path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization' },
      });
      expect(response.status, path).toBeLessThan(300);
      expect(response.headers.get('access-control-allow-origin'), path).toBe(origin);
      expect(response.headers.get('access-control-allow-methods'), path).toContain(method);
      expect(response.headers.get('access-control-allow-headers'), path).toBe('authorization');
    }
    // A published docs page (a public https origin) asks Private Network Access to reach 127.0.0.1.
    const published = await call('/users', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://docs.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-private-network': 'true',
      },
    });
    expect(published.status).toBeLessThan(300);
    expect(published.headers.get('access-control-allow-origin')).toBe('https://docs.example.com');
    expect(published.headers.get('access-control-allow-private-network')).toBe('true');
    const control = await call('/__emulator/requests', { headers: { origin } });
    expect(control.headers.get('access-control-allow-origin')).toBe(origin);
    const api = await call('/users/12', { headers: { origin } });
    expect(api.headers.get('access-control-allow-origin')).toBe(origin);
    expect(api.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(api.headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it("rejects a request the spec forbids with a 422 in the API's error shape, naming the field, before its handler runs", async () => {
    const response = await call('/users/12', json({ user: { role: 'emperor' } }, { method: 'PUT' }));
    expect(response.status).toBe(422);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      errors: [
        {
          key: 'user.role',
          value: 'emperor',
          message: expect.stringContaining('must be equal to one of the allowed values'),
          code: 'inclusion',
          payload: null,
        },
      ],
    });
    const profile = (await (await call('/users/12')).json()) as { data: { role: string } };
    expect(profile.data.role).toBe('admin');
  });

  it('stores an uploaded avatar byte for byte and serves it at its image_url', async () => {
    // Non-ASCII bytes on purpose: a server that read the body as text would mangle them.
    const bytes = Uint8Array.from([...PNG, 0x80, 0xff, 0xfe, 0x00, 0xc3, 0x28]);
    const form = new FormData();
    form.append('image', new Blob([bytes], { type: 'image/png' }), 'avatar.png');
    const created = (await (await createUser(`${unique('avatar')}@example.com`)).json()) as { data: { id: number } };
    const response = await call(`/users/${created.data.id}/avatar`, { method: 'PUT', body: form });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { image_url: string } };
    expect(data.image_url.startsWith(`${emulatorUrl()}/`)).toBe(true);
    const image = await fetch(data.image_url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);
  });
});

describe('bad input gets a 4xx and the emulator keeps serving', () => {
  it('malformed JSON', async () => {
    const response = await call('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user": {"email": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          key: 'body',
          value: '{"user": {"email": ',
          message: expect.stringMatching(/^is not valid JSON \(/),
          code: 'invalid',
          payload: null,
        },
      ],
    });
    await stillServes();
  });

  it.each(['text/plain', 'json', 'application/json;;;', 'application/json; charset', ''])(
    'a JSON body with the Content-Type %j: 400 naming it',
    async (type) => {
      const response = await call('/users', {
        method: 'POST',
        headers: type ? { 'content-type': type } : {},
        body: JSON.stringify({ user: { email: `${unique('type')}@example.com` } }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const { errors } = (await response.json()) as { errors: { key: string; code: string }[] };
      expect(errors).toEqual([expect.objectContaining({ key: 'content-type', code: 'invalid' })]);
      await stillServes();
    },
  );

  it('a 5 MB body: 413 in the API error shape, the one limit', async () => {
    const name = 'x'.repeat(5 * 1024 * 1024);
    const response = await call('/group_tags', json({ group_tag: { name } }, { method: 'POST' }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ key: 'body', value: null, message: 'is larger than 4 MB', code: 'too_large', payload: null }],
    });
    await stillServes();
  });

  it('a 1 MB field: its echoed value is cut to 200 characters', async () => {
    const response2 = await call(
      '/group_tags',
      json({ group_tag: { name: 'n'.repeat(1024 * 1024) } }, { method: 'POST' }),
    );
    expect(response2.status).toBe(422);
    const { errors } = (await response2.json()) as { errors: { key: string; value: string }[] };
    expect(errors[0]?.key).toBe('group_tag.name');
    expect(errors[0]?.value).toHaveLength(200);
    expect(errors[0]?.value.endsWith('…')).toBe(true);
    await stillServes();
  });

  it('JSON nested 5,000 levels: 400, no stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await call('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    expect(response.status).toBe(400);
    await stillServes();
  });

  it.each(['/group_tags/%', '/group_tags/%zz', '/users/%C0%AE', '/users/12%00', '/users/../../etc/passwd'])(
    'a path with broken escapes, %s: 404 not_found keyed path',
    async (path) => {
      const response = await call(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const { errors } = (await response.json()) as { errors: { key: string; code: string }[] };
      expect(errors[0]).toMatchObject({ key: 'path', code: 'not_found' });
      await stillServes();
    },
  );

  it('odd multipart: a filename with a quote, a NUL and bytes that are not UTF-8', async () => {
    const created = (await (await createUser(`${unique('odd')}@example.com`)).json()) as { data: { id: number } };
    const boundary = 'XyZ';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a"b\u0000`;
    const body = Buffer.concat([
      Buffer.from(head, 'latin1'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(`.png"\r\nContent-Type: image/png\r\n\r\n`, 'latin1'),
      Buffer.from(PNG),
      Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
    ]);
    const response = await call(`/users/${created.data.id}/avatar`, {
      method: 'PUT',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(500);
    await stillServes();
  });

  it('an unknown path: 404 not_found keyed path, with x-request-id', async () => {
    const response = await call('/no/such/path');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      errors: [expect.objectContaining({ key: 'path', value: '/no/such/path', code: 'not_found' })],
    });
    expect((await call('/__emulator/no-such-control')).status).toBe(404);
    await stillServes();
  });

  it('a method the path does not have: 405 with Allow', async () => {
    const response = await call('/users/12', { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT, DELETE');
    expect((await call('/custom_properties', { method: 'DELETE' })).status).toBe(405);
    await stillServes();
  });

  it('a client that goes away mid-request', async () => {
    const aborted = new AbortController();
    const sending = fetch(`${emulatorUrl()}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-token' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"user":'));
          setTimeout(() => aborted.abort(), 50);
        },
      }),
      signal: aborted.signal,
      duplex: 'half',
    } as RequestInit);
    await expect(sending).rejects.toThrow();
    await stillServes();
  });

  it("no token: 401 in the API's OAuth error shape", async () => {
    const response = await fetch(`${emulatorUrl()}/profile`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_token', error_description: 'Access token is missing' });
    await stillServes();
  });

  it('a token the emulator does not know: 401', async () => {
    expect((await call('/profile', { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    await stillServes();
  });
});

// A hundred writes are a CPU-second on a machine busy with the rest of the suite: more than the
// default timeout, which these tests are not about.
describe('concurrent writes', { timeout: 60_000 }, () => {
  it('100 parallel creates with distinct emails give 100 users with unique ids', async () => {
    const emails = Array.from({ length: 100 }, (_, i) => `${unique(`parallel-${i}`)}@example.com`);
    const responses = await Promise.all(emails.map(createUser));
    expect(responses.map((r) => r.status)).toEqual(emails.map(() => 201));
    const users = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { data: { id: number; email: string } }).data),
    );
    expect(new Set(users.map((u) => u.id)).size).toBe(100);
    expect(users.map((u) => u.email)).toEqual(emails);
    const reads = await Promise.all(users.map((u) => call(`/users/${u.id}`)));
    expect(reads.map((r) => r.status)).toEqual(users.map(() => 200));
  });

  it('20 parallel creates of one tag name give exactly one 201', async () => {
    const name = unique('tag');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call('/group_tags', json({ group_tag: { name } }, { method: 'POST' }))),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s >= 400 && s < 500)).toBe(true);
    const listed = (await (await call(`/group_tags?names[]=${encodeURIComponent(name)}`)).json()) as {
      data: unknown[];
    };
    expect(listed.data).toHaveLength(1);
  });
});

describe('the spec check', () => {
  it('found no violation in anything the emulator sent', async () => {
    expect(await violations()).toEqual([]);
  });
});
