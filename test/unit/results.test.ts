// What methods resolve with: unwrapped `data`, `null` for "no status", undefined for 204.
import { describe, expect, it } from 'vitest';
import { PachcaInvalidResponseError } from '../../src/index.js';
import { clientFor, useTestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const STATUS = { emoji: '🏖', title: 'On vacation', expires_at: null, is_away: false, away_message: null };

const server = useTestServer();

describe('status reads', () => {
  it('profile.getStatus() resolves null when the body is the JSON literal null', async () => {
    server.script({ body: null });
    await expect(clientFor(server).profile.getStatus()).resolves.toBeNull();
    expect(server.requests[0]?.url).toBe('/profile/status');
  });

  it('users.getStatus(id) resolves null when the body is null', async () => {
    server.script({ body: null });
    await expect(clientFor(server).users.getStatus(3)).resolves.toBeNull();
  });

  it('a set status is unwrapped from data', async () => {
    server.script({ body: { data: STATUS } });
    await expect(clientFor(server).profile.getStatus()).resolves.toEqual(STATUS);
  });

  it('null is only accepted where the spec allows it', async () => {
    server.script({ body: null });
    expect(await rejection(clientFor(server).users.get(3))).toBeInstanceOf(PachcaInvalidResponseError);
  });
});

describe('unwrapping', () => {
  it('single objects come back without the data envelope, lists of custom properties as arrays', async () => {
    const client = clientFor(server);
    server.script({ status: 201, body: { data: { id: 9, name: 'QA', users_count: 0 } } });
    await expect(client.groupTags.create({ group_tag: { name: 'QA' } })).resolves.toEqual({
      id: 9,
      name: 'QA',
      users_count: 0,
    });
    const properties = [{ id: 1, name: 'Office', data_type: 'string' }];
    server.script({ body: { data: properties } });
    await expect(client.customProperties.list({ entity_type: 'User' })).resolves.toEqual(properties);
  });

  it('deletes resolve undefined', async () => {
    server.script({ status: 204 });
    await expect(clientFor(server).groupTags.delete(9)).resolves.toBeUndefined();
  });
});
