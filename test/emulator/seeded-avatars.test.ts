// Seeded users' avatars, drawn by the emulator: every seeded image_url is served at the emulator's
// public origin and base path as an SVG of the user's initials, stays served while the user keeps
// it, and the state holds only its path (no bytes), so a state moves between origins.
import { describe, expect, it } from 'vitest';
import { avatarSvg, initials } from '../../src/emulator/seeded-avatars.js';
import { ORIGIN, call, emulatorFor, imageForm, walk } from './support.js';

const get = async (emulator: ReturnType<typeof emulatorFor>, url: string) => {
  const response = await emulator.handle(new Request(url));
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('seeded avatars', () => {
  it("serves every seeded user's image_url as an SVG of their initials, at the public origin and base path", async () => {
    const root = 'http://127.0.0.1:4010/api/v1';
    const emulator = emulatorFor({ users: 120, seed: 3, publicOrigin: 'http://127.0.0.1:4010', basePath: '/api/v1' });
    const users = await walk(emulator, '/api/v1/users', 'test-token', 50);
    const withAvatars = users.filter((user) => user.image_url !== null);
    expect(withAvatars.length).toBeGreaterThan(20);
    for (const user of withAvatars) {
      expect(user.image_url).toMatch(new RegExp(`^${root}/__emulator/avatars/seed-${user.id}-\\d{1,3}\\.svg$`));
      const image = await get(emulator, user.image_url.replace('http://127.0.0.1:4010', ORIGIN));
      expect([image.status, image.type]).toEqual([200, 'image/svg+xml']);
      expect(image.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*>.*<\/svg>$/);
      expect(image.text).toContain(`>${initials(user)}</text>`);
    }
  });

  it('keeps the same avatars for the same seed and picks other colours for another', () => {
    const avatars = (seed: number) =>
      emulatorFor({ seed })
        .exportState()
        .users.map((user) => user.image_url);
    expect(avatars(5)).toEqual(avatars(5));
    expect(avatars(5)).not.toEqual(avatars(6));
  });

  it('stores paths, not bytes: the exported state has no avatar files and loads at another origin', async () => {
    const emulator = emulatorFor({ publicOrigin: 'http://one.test' });
    const state = emulator.exportState();
    expect(state.avatars).toEqual([]);
    expect(state.users[0]!.image_url).toBe('/__emulator/avatars/seed-12-210.svg');
    const moved = emulatorFor({ publicOrigin: 'http://two.test', basePath: '/api' });
    moved.importState(state);
    const profile = (await call(moved, 'GET', '/api/profile')).body.data;
    expect(profile.image_url).toBe('http://two.test/api/__emulator/avatars/seed-12-210.svg');
    expect((await get(moved, `${ORIGIN}/api/__emulator/avatars/seed-12-210.svg`)).status).toBe(200);
  });

  it('follows a rename, and stops serving once the user uploads another avatar, deletes it or is deleted', async () => {
    const emulator = emulatorFor();
    const seeded = async (id: number) => {
      const user = (await call(emulator, 'GET', `/users/${id}`)).body.data;
      return new URL(user.image_url).pathname;
    };
    const owner = await seeded(12);
    expect((await get(emulator, ORIGIN + owner)).text).toContain('>OP</text>');
    await call(emulator, 'PUT', '/users/12', { json: { user: { first_name: 'Юлия', last_name: '<Ли>' } } });
    expect((await get(emulator, ORIGIN + owner)).text).toContain('>Ю&lt;</text>');
    await call(emulator, 'PUT', '/profile/avatar', { form: imageForm() });
    expect((await get(emulator, ORIGIN + owner)).status).toBe(404);

    const users = await walk(emulator, '/users', 'test-token', 50);
    const [first, second] = users.filter((user) => user.id !== 12 && user.image_url !== null && user.role !== 'admin');
    const [deleted, cleared] = [await seeded(first.id), await seeded(second.id)];
    expect((await call(emulator, 'DELETE', `/users/${first.id}`)).status).toBe(204);
    expect((await call(emulator, 'DELETE', `/users/${second.id}/avatar`)).status).toBe(204);
    for (const path of [deleted, cleared]) {
      const gone = await emulator.handle(new Request(ORIGIN + path));
      expect(gone.status).toBe(404);
      expect((await gone.json()).errors[0]).toMatchObject({ key: 'file', code: 'not_found' });
    }
    expect((await get(emulator, `${ORIGIN}/__emulator/avatars/seed-13-400.svg`)).status).toBe(404);
  });

  it('shows an image_url a state holds as a whole URL as it is (states saved before seeded avatars)', async () => {
    const emulator = emulatorFor();
    const state = emulator.exportState();
    state.users[0]!.image_url = 'https://app.pachca.com/users/12/photo.jpg';
    emulator.importState(state);
    expect((await call(emulator, 'GET', '/profile')).body.data.image_url).toBe(state.users[0]!.image_url);
  });
});

describe('initials and avatarSvg', () => {
  it.each([
    [{ first_name: 'Oleg', last_name: 'Petrov', nickname: 'olegp' }, 'OP'],
    [{ first_name: 'мария', last_name: 'смирнова', nickname: 'm' }, 'МС'],
    [{ first_name: 'Jira', last_name: '', nickname: 'jira_bot' }, 'J'],
    [{ first_name: null, last_name: null, nickname: 'anna' }, 'A'],
    [{ first_name: ' ', last_name: null, nickname: '' }, '?'],
    [{ first_name: '😀 Smile', last_name: 'Z', nickname: '' }, '😀Z'],
  ])('reads %o as %s', (user, expected) => {
    expect(initials(user)).toBe(expected);
  });

  it('escapes what it draws', () => {
    expect(avatarSvg('<&', 10)).toContain('>&lt;&amp;</text>');
    expect(avatarSvg('<&', 10)).toContain('fill="hsl(10, 55%, 45%)"');
  });
});
