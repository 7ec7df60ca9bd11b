// Custom properties in the emulator: the definitions per entity type, and the values on users that
// creates and updates set by id, merging, and checked against the property's type.
import { describe, expect, it } from 'vitest';
import { call, emulatorFor, walk } from './support.js';

describe('emulator custom properties', () => {
  it('lists the definitions of User and of Task, and needs an entity_type from the list', async () => {
    const emulator = emulatorFor();
    const user = await call(emulator, 'GET', '/custom_properties?entity_type=User');
    const task = await call(emulator, 'GET', '/custom_properties?entity_type=Task');
    expect(user.body.data.length).toBeGreaterThan(2);
    expect(task.body.data.length).toBeGreaterThan(0);
    expect(user.body.data.map((p: { id: number }) => p.id)).not.toContain(task.body.data[0].id);
    expect((await call(emulator, 'GET', '/custom_properties')).status).toBe(422);
    expect((await call(emulator, 'GET', '/custom_properties?entity_type=Chat')).body.errors[0].code).toBe('inclusion');
  });

  it("shows users' values with the name and data_type of their definition", async () => {
    const emulator = emulatorFor({ users: 80 });
    const definitions = (await call(emulator, 'GET', '/custom_properties?entity_type=User')).body.data;
    const values = (await walk(emulator, '/users', 'test-token', 50)).flatMap((u) => u.custom_properties);
    expect(values.length).toBeGreaterThan(10);
    for (const { id, name, data_type } of values) expect(definitions).toContainEqual({ id, name, data_type });
  });

  it('sets values by id, merging with the others, and checks them against their type', async () => {
    const emulator = emulatorFor();
    const [city, birthday] = (await call(emulator, 'GET', '/custom_properties?entity_type=User')).body.data;
    const set = (custom_properties: unknown) =>
      call(emulator, 'PUT', '/users/13', { json: { user: { custom_properties } } });
    await set([{ id: city.id, value: 'Казань' }]);
    const merged = await set([{ id: birthday.id, value: '1990-05-01' }]);
    expect(merged.body.data.custom_properties).toEqual([
      { ...city, value: 'Казань' },
      { ...birthday, value: '1990-05-01' },
    ]);
    expect((await set([{ id: birthday.id, value: 'May' }])).body.errors[0].code).toBe('invalid');
    expect((await set([{ id: 999_999, value: 'x' }])).body.errors[0].code).toBe('not_found');
    expect((await set([{ id: city.id, value: 'x'.repeat(769) }])).body.errors[0].code).toBe('too_long');
  });
});
