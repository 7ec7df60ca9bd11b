// The seeded workspace: the same seed gives the same workspace, another seed another one, and it
// holds every kind of member a real workspace has.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import type { Schema } from '../../scripts/lib/spec.js';
import { spec } from '../support/spec.js';
import { call, walk } from './support.js';

/** The list a schema property's x-faker annotation draws from, as the --dynamic mock does. */
const fakerList = (schema: string, property: string): unknown[] => {
  const hint = (spec().components.schemas as Record<string, Schema>)[schema]!.properties![property]!['x-faker'];
  return Object.values(hint as Record<string, unknown[][]>)[0]![0]!;
};

describe('emulator seed', () => {
  it('gives the same workspace for the same seed, and another for another seed', () => {
    const a = createEmulator({ seed: 7 }).exportState();
    expect(createEmulator({ seed: 7 }).exportState()).toEqual(a);
    const b = createEmulator({ seed: 8 }).exportState();
    expect(b.users.slice(5)).not.toEqual(a.users.slice(5));
    expect(b.users.slice(0, 5)).toEqual(a.users.slice(0, 5));
  });

  it('seeds 120 users by default and up to 10,000', () => {
    expect(createEmulator().exportState().users).toHaveLength(120);
    expect(createEmulator({ users: 10_000 }).exportState().users).toHaveLength(10_000);
  });

  it('holds admins, users, multi-guests, guests, bots, invited and suspended users, statuses and avatars', async () => {
    const emulator = createEmulator({ users: 120 });
    emulator.clock.set('2026-06-01T00:00:00Z');
    const users = await walk(emulator, '/users', 'test-token', 50);
    const count = (test: (u: (typeof users)[number]) => boolean) => users.filter(test).length;
    expect(count((u) => u.role === 'admin')).toBeGreaterThan(2);
    for (const role of ['user', 'multi_guest', 'guest'])
      expect(
        count((u) => u.role === role),
        role,
      ).toBeGreaterThan(0);
    expect(count((u) => u.bot)).toBeGreaterThan(0);
    expect(count((u) => u.suspended)).toBeGreaterThan(0);
    const invited = users.filter((u) => u.invite_status === 'sent');
    expect(invited.length).toBeGreaterThan(0);
    for (const u of invited) expect([u.first_name, u.last_activity_at]).toEqual([null, null]);
    expect(count((u) => u.user_status !== null)).toBeGreaterThan(5);
    const state = emulator.exportState();
    const expired = state.users.filter(
      (u) => u.status?.expires_at && Date.parse(u.status.expires_at) < emulator.clock.now(),
    );
    expect(expired.length).toBeGreaterThan(0);
    for (const u of expired) expect(users.find((v) => v.id === u.id)!.user_status).toBeNull();
    expect(count((u) => u.image_url !== null)).toBeGreaterThan(5);
    expect(count((u) => u.custom_properties.length > 0)).toBeGreaterThan(5);
  });

  it('names people mostly in Cyrillic and some in Latin, with Latin emails', async () => {
    const users = (await walk(createEmulator({ users: 300 }), '/users', 'test-token', 50)).filter((u) => u.first_name);
    const cyrillic = users.filter((u) => /^[А-ЯЁ]/.test(u.first_name)).length;
    expect(cyrillic / users.length).toBeGreaterThan(0.6);
    expect(users.length - cyrillic).toBeGreaterThan(10);
    for (const u of users) if (u.email) expect(u.email).toMatch(/^[a-z0-9._]+@example\.com$/);
  });

  it('gives a male first name a male last name form and a female one a female form', () => {
    const users = createEmulator({ users: 500 })
      .exportState()
      .users.filter((u) => /^[А-ЯЁ]/.test(u.last_name ?? ''));
    const femaleLast = (u: (typeof users)[number]) => /(ова|ева|ина|ая|ёва)$/.test(u.last_name!);
    const femaleFirst = (u: (typeof users)[number]) => /[ая]$/.test(u.first_name!);
    // A few male first names end in -а/-я (Никита, Илья): compare the rates, not each name.
    const agree = users.filter((u) => femaleLast(u) === femaleFirst(u)).length;
    expect(agree / users.length).toBeGreaterThan(0.9);
  });

  it("draws departments, tag names and statuses from the spec's x-faker lists", async () => {
    const emulator = createEmulator({ users: 200 });
    emulator.clock.set('2026-06-01T00:00:00Z');
    const users = await walk(emulator, '/users', 'test-token', 50);
    const generated = users.filter((u) => u.id > 16);
    const departments = new Set(generated.map((u) => u.department).filter(Boolean));
    expect([...departments].every((d) => fakerList('User', 'department').includes(d))).toBe(true);
    expect(departments.size).toBeGreaterThan(3);
    const tags = (await walk(emulator, '/group_tags')).map((t) => t.name);
    expect(tags).toEqual(fakerList('GroupTag', 'name'));
    const titles = generated.flatMap((u) => (u.user_status ? [u.user_status.title] : []));
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.every((t) => fakerList('UserStatus', 'title').includes(t))).toBe(true);
  });

  it('maps every token to a seeded user', async () => {
    const emulator = createEmulator();
    for (const token of ['test-token', 'admin-token', 'user-token', 'bot-token', 'readonly-token']) {
      expect((await call(emulator, 'GET', '/profile', { token })).status, token).toBe(200);
    }
  });
});
