// Statuses and avatars in the emulator: away_message in as a string and out as {text}, null when
// unset or expired on the emulator's clock, and avatars served back at their image_url.
import { describe, expect, it } from 'vitest';
import { ORIGIN, call, emulatorFor, imageForm, PNG } from './support.js';

const STATUS = {
  emoji: '🏖️',
  title: 'On vacation',
  expires_at: '2031-03-10T23:59:59.000Z',
  is_away: true,
  away_message: 'Back soon',
};

describe('emulator statuses', () => {
  for (const [label, path] of [
    ['own', '/profile/status'],
    ["another user's", '/users/20/status'],
  ] as const) {
    it(`sets, reads and clears the ${label} status, away_message going in as a string and out as {text}`, async () => {
      const emulator = emulatorFor();
      await call(emulator, 'DELETE', path);
      expect((await call(emulator, 'GET', path)).body).toBeNull();
      const set = await call(emulator, 'PUT', path, { json: { status: STATUS } });
      expect(set.body.data).toEqual({ ...STATUS, away_message: { text: 'Back soon' } });
      expect((await call(emulator, 'GET', path)).body).toEqual(set.body);
      const user = path.startsWith('/profile') ? '/profile' : '/users/20';
      expect((await call(emulator, 'GET', user)).body.data.user_status).toEqual(set.body.data);
      expect((await call(emulator, 'DELETE', path)).status).toBe(204);
      expect((await call(emulator, 'GET', path)).body).toBeNull();
      expect((await call(emulator, 'GET', user)).body.data.user_status).toBeNull();
    });
  }

  it('reads a status past expires_at on the emulator clock as cleared', async () => {
    const emulator = emulatorFor();
    await call(emulator, 'PUT', '/profile/status', {
      json: { status: { ...STATUS, expires_at: '2030-01-01T00:00:00.000Z' } },
    });
    emulator.clock.set('2029-12-31T23:59:59Z');
    expect((await call(emulator, 'GET', '/profile/status')).body.data.title).toBe('On vacation');
    emulator.clock.set('2030-01-01T00:00:01Z');
    expect((await call(emulator, 'GET', '/profile/status')).body).toBeNull();
    expect((await call(emulator, 'GET', '/profile')).body.data.user_status).toBeNull();
  });

  it('answers blank, too_long and wrong_emoji', async () => {
    const emulator = emulatorFor();
    const codes = async (status: object) =>
      (await call(emulator, 'PUT', '/profile/status', { json: { status } })).body.errors.map(
        (e: { key: string; code: string }) => `${e.key}:${e.code}`,
      );
    expect(await codes({ emoji: '🏖️', title: ' ' })).toEqual(['title:blank']);
    expect(await codes({ emoji: '🏖️', title: 'x'.repeat(51) })).toEqual(['title:too_long']);
    expect(await codes({ emoji: 'smile', title: 'Hi' })).toEqual(['emoji:wrong_emoji']);
    expect(await codes({ emoji: '', title: 'Hi' })).toEqual(['emoji:blank']);
    expect(await codes({ emoji: '🏖️', title: 'Hi', away_message: 'x'.repeat(1025) })).toEqual(['away_message:too_long']);
    expect(await codes({ title: 'Hi' })).toEqual(['status.emoji:required']);
  });

  it('answers 404 for the status of an unknown user', async () => {
    const emulator = emulatorFor();
    expect((await call(emulator, 'GET', '/users/999999/status')).status).toBe(404);
    expect((await call(emulator, 'PUT', '/users/999999/status', { json: { status: STATUS } })).status).toBe(404);
  });
});

describe('emulator avatars', () => {
  it('serves an uploaded avatar back at its image_url, which the user then shows', async () => {
    const emulator = emulatorFor({ publicOrigin: 'http://127.0.0.1:4010' });
    const uploaded = await call(emulator, 'PUT', '/users/20/avatar', { form: imageForm() });
    expect(uploaded.status).toBe(200);
    const url = new URL(uploaded.body.data.image_url);
    expect(url.origin).toBe('http://127.0.0.1:4010');
    expect((await call(emulator, 'GET', '/users/20')).body.data.image_url).toBe(url.href);
    const image = await emulator.handle(new Request(ORIGIN + url.pathname));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
  });

  it('deletes an avatar: image_url null and the file gone', async () => {
    const emulator = emulatorFor();
    const url = new URL((await call(emulator, 'PUT', '/profile/avatar', { form: imageForm() })).body.data.image_url);
    expect(url.origin).toBe(ORIGIN);
    expect((await call(emulator, 'DELETE', '/profile/avatar')).status).toBe(204);
    expect((await call(emulator, 'GET', '/profile')).body.data.image_url).toBeNull();
    expect((await emulator.handle(new Request(ORIGIN + url.pathname))).status).toBe(404);
  });

  it("drops a deleted user's uploaded avatar", async () => {
    const emulator = emulatorFor();
    const url = new URL((await call(emulator, 'PUT', '/users/20/avatar', { form: imageForm() })).body.data.image_url);
    await call(emulator, 'DELETE', '/users/20');
    expect((await emulator.handle(new Request(ORIGIN + url.pathname))).status).toBe(404);
    expect(emulator.exportState().avatars).toEqual([]);
  });

  it('refuses a missing image part, a text part and a file that is not an image with 422', async () => {
    const emulator = emulatorFor();
    const text = new FormData();
    text.append('image', 'not a file');
    const notImages = [imageForm(new TextEncoder().encode('<svg/>'), 'image/png'), imageForm(PNG.slice(0, 7))];
    for (const form of [new FormData(), text, ...notImages]) {
      const { status, body } = await call(emulator, 'PUT', '/profile/avatar', { form });
      expect([status, body.errors[0].key.replace(/^body\./, '')]).toEqual([422, 'image']);
    }
  });

  it('reads the type from the bytes, whatever the part declares, and serves the file as that type', async () => {
    const emulator = emulatorFor();
    const gif = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (c) =>
      c.charCodeAt(0),
    );
    for (const [bytes, declared, type] of [
      [PNG, 'application/octet-stream', 'image/png'],
      [PNG, 'text/plain', 'image/png'],
      [gif, 'image/png', 'image/gif'],
    ] as const) {
      const uploaded = await call(emulator, 'PUT', '/profile/avatar', { form: imageForm(bytes, declared) });
      expect(uploaded.status).toBe(200);
      const url = new URL(uploaded.body.data.image_url);
      expect(url.pathname).toMatch(new RegExp(`\\.${type.split('/')[1]!.replace('jpeg', 'jpg')}$`));
      const image = await emulator.handle(new Request(ORIGIN + url.pathname));
      expect(image.headers.get('content-type')).toBe(type);
      expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);
    }
  });

  it("lets only the owner set or delete the owner's avatar", async () => {
    const emulator = emulatorFor();
    for (const method of ['PUT', 'DELETE']) {
      const form = method === 'PUT' ? imageForm() : undefined;
      const { status, body } = await call(emulator, method, '/users/12/avatar', { token: 'admin-token', form });
      expect([status, body.errors[0].code]).toEqual([403, 'owner_protected']);
    }
    expect((await call(emulator, 'PUT', '/users/12/avatar', { form: imageForm() })).status).toBe(200);
  });
});
