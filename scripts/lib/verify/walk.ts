// The operations the live check calls, through the SDK, in order. Read-only by default; with
// `writes`, two round trips that leave the workspace as they found it: a group tag created,
// renamed and deleted, and the caller's own status set, read and put back.
import { randomBytes } from 'node:crypto';
import type { Pachca } from '../../../src/index.js';
import type { Checker } from './checker.js';

/** Small pages: two of them are likely to exist, and Prism's header (~8 KB) holds their violations. */
export const PAGE_SIZE = 3;

export const TAG_PREFIX = 'pachca-sdk-verify-';

type ProfileStatus = Awaited<ReturnType<Pachca['profile']['getStatus']>>;
type StatusInput = Parameters<Pachca['profile']['updateStatus']>[0];

export async function walk(client: Pachca, checker: Checker, { writes }: { writes: boolean }): Promise<void> {
  const profile = await checker.check('getProfile', () => client.profile.get());
  const statusBefore = await checker.check('getProfileStatus', () => client.profile.getStatus());
  await checker.check('getTokenInfo', () => client.oauth.tokenInfo());
  for (const entity_type of ['User', 'Task'] as const) {
    await checker.check('listCustomProperties', () => client.customProperties.list({ entity_type }), {
      label: `entity_type=${entity_type}`,
    });
  }

  const users = await checker.check('listUsers', () => client.users.list({ limit: PAGE_SIZE }), { label: 'page 1' });
  const firstPage = users?.value;
  if (firstPage?.hasNextPage()) await checker.check('listUsers', () => firstPage.nextPage(), { label: 'page 2' });
  else
    checker.skip(
      'listUsers',
      firstPage ? 'the first page is the only one' : 'the first page could not be read',
      'page 2',
    );

  const firstUser = firstPage?.data[0];
  const query = firstUser?.nickname || firstUser?.first_name || profile?.value.nickname;
  if (query)
    await checker.check('listUsers', () => client.users.list({ query, limit: PAGE_SIZE }), { label: 'search' });
  else checker.skip('listUsers', 'no name to search for', 'search');

  if (firstUser) {
    await checker.check('getUser', () => client.users.get(firstUser.id));
    await checker.check('getUserStatus', () => client.users.getStatus(firstUser.id));
  } else {
    const reason = firstPage ? 'no users listed' : 'the users could not be listed';
    checker.skip('getUser', reason);
    checker.skip('getUserStatus', reason);
  }

  const tags = await checker.check('listGroupTags', () => client.groupTags.list({ limit: PAGE_SIZE }));
  const firstTag = tags?.value.data[0];
  if (firstTag) {
    await checker.check('getGroupTag', () => client.groupTags.get(firstTag.id));
    await checker.check('listGroupTagUsers', () => client.groupTags.listUsers(firstTag.id, { limit: PAGE_SIZE }));
  } else {
    const reason = tags ? 'there are no group tags to read' : 'the group tags could not be listed';
    checker.skip('getGroupTag', reason);
    checker.skip('listGroupTagUsers', reason);
  }

  if (!writes) return;
  await groupTagRoundTrip(client, checker);
  await statusRoundTrip(client, checker, statusBefore);
}

/** Creates a tag, renames it, and deletes it whatever happened in between. */
async function groupTagRoundTrip(client: Pachca, checker: Checker): Promise<void> {
  const name = `${TAG_PREFIX}${randomBytes(4).toString('hex')}`;
  let sent = false;
  let id: number | undefined;
  try {
    const created = await checker.check('createGroupTag', () => {
      sent = true;
      return client.groupTags.create({ group_tag: { name } });
    });
    id = created?.value.id;
    if (typeof id === 'number')
      await checker.check('updateGroupTag', () =>
        client.groupTags.update(id!, { group_tag: { name: `${name}-renamed` } }),
      );
    else checker.skip('updateGroupTag', 'no tag was created');
  } finally {
    if (typeof id === 'number') {
      const deleted = await checker.check('deleteGroupTag', () => client.groupTags.delete(id!), { undo: true });
      if (!deleted) checker.leftBehind.push(`group tag ${id} named "${name}" or "${name}-renamed": delete it by hand`);
    } else {
      checker.skip('deleteGroupTag', 'no tag was created');
      // Created, but its id could not be read (or the answer never came): it may exist.
      const answered = checker.results.filter((r) => r.operationId === 'createGroupTag').at(-1);
      if (sent && (answered?.status === undefined || (answered.status >= 200 && answered.status < 300))) {
        checker.leftBehind.push(`group tag "${name}" may have been created: look for it and delete it by hand`);
      }
    }
  }
}

/** Sets the caller's status, reads it back, then restores the one read before (or clears it). */
async function statusRoundTrip(
  client: Pachca,
  checker: Checker,
  before: { value: ProfileStatus } | undefined,
): Promise<void> {
  if (!before) {
    const reason = 'the current status could not be read, so it could not be restored';
    for (const operationId of ['updateProfileStatus', 'deleteProfileStatus'] as const)
      checker.skip(operationId, reason);
    return;
  }
  // Expires on its own within the hour, should the restore below fail too.
  const probe: StatusInput = {
    emoji: '🧪',
    title: 'pachca-sdk verify',
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    is_away: false,
  };
  let sent = false;
  try {
    await checker.check(
      'updateProfileStatus',
      () => {
        sent = true;
        return client.profile.updateStatus(probe);
      },
      { label: 'set' },
    );
    await checker.check('getProfileStatus', () => client.profile.getStatus(), { label: 'after set' });
  } finally {
    if (sent) {
      const previous = before.value;
      // An expired status may still be returned for a while; it cannot be set again, and clearing
      // the status leaves the same effect.
      const expired = previous?.expires_at != null && Date.parse(previous.expires_at) <= Date.now();
      const restored =
        previous === null || expired
          ? await checker.check('deleteProfileStatus', () => client.profile.deleteStatus(), { undo: true })
          : await checker.check('updateProfileStatus', () => client.profile.updateStatus(asStatusInput(previous!)), {
              label: 'restore',
              undo: true,
            });
      if (!restored)
        checker.leftBehind.push(
          `your status is the verify one ("${probe.title}", expires ${probe.expires_at}): set it back by hand`,
        );
    }
  }
}

/** A status as read, in the shape the API takes to set it (`away_message` is a plain string there). */
function asStatusInput({ emoji, title, expires_at, is_away, away_message }: NonNullable<ProfileStatus>): StatusInput {
  return {
    emoji,
    title,
    is_away,
    ...(expires_at && { expires_at }),
    ...(away_message && { away_message: away_message.text }),
  };
}
