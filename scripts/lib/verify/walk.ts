// What the live check calls, through the SDK. Read-only by default: every GET of the operation
// table (scripts/lib/verify/reads.ts derives the calls). With `writes`, two round trips that
// leave the workspace as they found it: a group tag created, renamed and deleted, and the
// caller's own status set, read and put back.
import { randomBytes } from 'node:crypto';
import { cliCommands } from '../../../generated/cli-commands.js';
import { type OperationId, operations } from '../../../generated/operations.js';
import type { CliCommandSpec } from '../../../src/cli/command-spec.js';
import type { OperationRow } from '../../../src/core/operation.js';
import type { Page, Pachca } from '../../../src/index.js';
import type { Checker } from './checker.js';
import { readPlan } from './reads.js';

export const TAG_PREFIX = 'pachca-sdk-verify-';

type ProfileStatus = Awaited<ReturnType<Pachca['profile']['getStatus']>>;
type StatusInput = Parameters<Pachca['profile']['updateStatus']>[0];

/** What the reads need of a client: any operation by its operationId (`Pachca.request`). */
export interface Requester {
  request(
    operationId: string,
    input: { path?: Record<string, unknown>; query?: Record<string, unknown> },
  ): Promise<unknown>;
}

/** The tables the reads are derived from: the generated ones unless a test passes its own. */
export interface Tables {
  operations: Readonly<Record<string, OperationRow>>;
  commands: readonly CliCommandSpec[];
}

const GENERATED: Tables = { operations, commands: cliCommands };

export async function walk(client: Pachca, checker: Checker, { writes }: { writes: boolean }): Promise<void> {
  const reads = await walkReads(client, checker);
  if (!writes) return;
  await groupTagRoundTrip(client, checker);
  await statusRoundTrip(client, checker, reads.get('getProfileStatus') as { value: ProfileStatus } | undefined);
}

/** Why a path parameter has no id: the list it comes from failed or was empty. */
type FirstItem = { id: unknown } | { missing: string };

const isPage = (value: unknown): value is Page<unknown> =>
  typeof value === 'object' && value !== null && 'hasNextPage' in value && 'data' in value;

/** The first item of a list's answer (a page or an array), if it has an id. */
function firstItem(list: string, value: unknown): FirstItem {
  const items = isPage(value) ? value.data : Array.isArray(value) ? value : [];
  const item = items[0] as { id?: unknown } | undefined;
  return item?.id === undefined ? { missing: `${list} listed no items` } : { id: item.id };
}

/** A name to search for: the first `nickname` an answer carried (the profile's, usually). */
function nicknameIn(value: unknown): string | undefined {
  const item = (isPage(value) ? value.data[0] : value) as { nickname?: unknown } | undefined;
  return typeof item?.nickname === 'string' && item.nickname ? item.nickname : undefined;
}

/** Every GET of the tables; resolves with the first answer of each operation that answered. */
export async function walkReads(
  client: Requester,
  checker: Checker,
  tables: Tables = GENERATED,
): Promise<Map<string, { value: unknown }>> {
  const answers = new Map<string, { value: unknown }>();
  const firstItems = new Map<string, FirstItem>();
  let searchTerm: string | undefined;
  /** One call through the checker; keeps its answer and a name to search for. */
  const check = async (
    id: OperationId,
    path: Record<string, unknown>,
    query: Record<string, unknown>,
    label?: string,
  ) => {
    const answer = await checker.check(id, () => client.request(id, { path, query }), label ? { label } : {});
    if (answer && !answers.has(id)) answers.set(id, answer);
    searchTerm ??= nicknameIn(answer?.value);
    return answer;
  };

  for (const read of readPlan(tables.operations, tables.commands)) {
    const id = read.operationId as OperationId;
    const path: Record<string, unknown> = {};
    let missing: string | undefined;
    for (const { name, list } of read.pathFrom) {
      const item = firstItems.get(list) ?? { missing: `${list} could not be read` };
      if ('missing' in item) missing ??= item.missing;
      else path[name] = item.id;
    }
    const labelled = (label: string | undefined, page?: string) =>
      [label, read.paginated ? page : undefined].filter(Boolean).join(', ') || undefined;

    for (const { label, query } of read.calls) {
      if (missing) {
        checker.skip(id, missing, labelled(label, 'page 1'));
        continue;
      }
      const answer = await check(id, path, query, labelled(label, 'page 1'));
      if (!firstItems.has(id))
        firstItems.set(id, answer ? firstItem(id, answer.value) : { missing: `${id} could not be read` });
      if (!read.paginated) continue;
      const page = answer?.value;
      if (isPage(page) && page.hasNextPage())
        await checker.check(id, () => page.nextPage(), { label: labelled(label, 'page 2') as string });
      else
        checker.skip(
          id,
          page ? 'the first page is the only one' : 'the first page could not be read',
          labelled(label, 'page 2'),
        );
    }

    if (read.search) {
      const query = { ...read.calls[0]?.query, [read.search]: searchTerm };
      if (missing || !searchTerm) checker.skip(id, missing ?? 'no name to search for', 'search');
      else await check(id, path, query, 'search');
    }
  }
  return answers;
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
