// A property test of the emulator: random sequences of creates, updates, renames, deletes and
// status changes (1,000 operations in all), and after each step the workspace is consistent:
// every listed item equals its GET, each tag's users_count equals its members, a full walk lists
// no one twice, a deleted resource answers 404, and every answer validates against the spec
// (`call` checks that). At the end, the changes `onChange` reported, replayed over the first
// state (as the --state journal is), give exactly the workspace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RecordedChange, StateReplay } from '../../src/emulator/changes.js';
import type { Emulator } from '../../src/emulator/index.js';
import { checkConsistent } from './invariants.js';
import { call, emulatorFor } from './support.js';

const RUNS = 4;
const STEPS = 250;

const TAG_NAMES = ['Backend', 'QA', 'Ops', 'Guild', 'Design', 'Интерны'];
const TOKENS = ['test-token', 'admin-token', 'user-token'];

type Step =
  | { kind: 'createUser'; email: number; tags: string[]; token: string }
  | { kind: 'updateUser'; pick: number; tags: string[] | null; department: string | null; token: string }
  | { kind: 'deleteUser'; pick: number; token: string }
  | { kind: 'createTag'; name: string }
  | { kind: 'renameTag'; pick: number; name: string }
  | { kind: 'deleteTag'; pick: number }
  | { kind: 'setStatus'; pick: number; expired: boolean }
  | { kind: 'deleteStatus'; pick: number };

const pick = fc.nat(1_000);
const tags = fc.subarray(TAG_NAMES, { maxLength: 3 });
const token = fc.constantFrom(...TOKENS);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('createUser' as const), email: fc.nat(6), tags, token }),
  fc.record({
    kind: fc.constant('updateUser' as const),
    pick,
    tags: fc.option(tags),
    department: fc.option(fc.constantFrom('R&D', 'Отдел продаж', '')),
    token,
  }),
  fc.record({ kind: fc.constant('deleteUser' as const), pick, token }),
  fc.record({ kind: fc.constant('createTag' as const), name: fc.constantFrom(...TAG_NAMES) }),
  fc.record({ kind: fc.constant('renameTag' as const), pick, name: fc.constantFrom(...TAG_NAMES) }),
  fc.record({ kind: fc.constant('deleteTag' as const), pick }),
  fc.record({ kind: fc.constant('setStatus' as const), pick, expired: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteStatus' as const), pick }),
);

/** Ids of the workspace's users and tags, read from its own lists. */
const nth = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

async function run(emulator: Emulator, s: Step, users: number[], tagIds: number[], deleted: string[]) {
  switch (s.kind) {
    case 'createUser':
      await call(emulator, 'POST', '/users', {
        token: s.token,
        json: { user: { email: `p${s.email}@example.com`, list_tags: s.tags } },
      });
      return;
    case 'updateUser': {
      const id = nth(users, s.pick) ?? 1;
      const user = { ...(s.tags && { list_tags: s.tags }), ...(s.department !== null && { department: s.department }) };
      await call(emulator, 'PUT', `/users/${id}`, { token: s.token, json: { user } });
      return;
    }
    case 'deleteUser': {
      const id = nth(users, s.pick) ?? 1;
      const { status } = await call(emulator, 'DELETE', `/users/${id}`, { token: s.token });
      if (status === 204) deleted.push(`/users/${id}`);
      return;
    }
    case 'createTag':
      await call(emulator, 'POST', '/group_tags', { json: { group_tag: { name: s.name } } });
      return;
    case 'renameTag':
      await call(emulator, 'PUT', `/group_tags/${nth(tagIds, s.pick) ?? 1}`, { json: { group_tag: { name: s.name } } });
      return;
    case 'deleteTag': {
      const id = nth(tagIds, s.pick) ?? 1;
      if ((await call(emulator, 'DELETE', `/group_tags/${id}`)).status === 204) deleted.push(`/group_tags/${id}`);
      return;
    }
    case 'setStatus': {
      const expires_at = s.expired ? '2020-01-01T00:00:00.000Z' : '2040-01-01T00:00:00.000Z';
      const status = { emoji: '🎧', title: 'Focus', expires_at, away_message: 'later' };
      await call(emulator, 'PUT', `/users/${nth(users, s.pick) ?? 1}/status`, { json: { status } });
      return;
    }
    case 'deleteStatus':
      await call(emulator, 'DELETE', `/users/${nth(users, s.pick) ?? 1}/status`);
  }
}

/** Five users and three tags: every step checks the whole workspace, so it is kept small. */
function smallWorkspace(): Emulator {
  const emulator = emulatorFor({ users: 5, seed: 3 });
  const state = emulator.exportState();
  const kept = new Set(state.group_tags.slice(0, 3).map((tag) => tag.id));
  state.group_tags = state.group_tags.filter((tag) => kept.has(tag.id));
  for (const user of state.users) user.group_tag_ids = user.group_tag_ids.filter((id) => kept.has(id));
  emulator.importState(state);
  return emulator;
}

describe('emulator property', () => {
  it(`stays consistent over ${RUNS * STEPS} random operations`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: STEPS, maxLength: STEPS }), async (steps) => {
        const emulator = smallWorkspace();
        const replay = new StateReplay(emulator.exportState());
        emulator.onChange((changes) => {
          // Copied now, as a journal serializes them: the records change with the next write.
          const recorded = changes.map((change) =>
            change.kind === 'replaced' ? { kind: 'replaced', state: emulator.exportState() } : change,
          );
          replay.apply(JSON.parse(JSON.stringify(recorded)) as RecordedChange[], 'changes');
        });
        const deleted: string[] = [];
        let known = await checkConsistent(emulator, deleted);
        for (const s of steps) {
          await run(emulator, s, known.users, known.tags, deleted);
          known = await checkConsistent(emulator, deleted);
        }
        expect(replay.state()).toEqual(emulator.exportState());
      }),
      { numRuns: RUNS, seed: 21 },
    );
  }, 120_000);
});
