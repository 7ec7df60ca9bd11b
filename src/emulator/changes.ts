// Replaying recorded changes (what `onChange` reports, as a journal keeps them) over a state
// document. Each record sets a whole record to its value after the change, so replaying a change
// twice, or over a state that already holds it, gives the same state.
import { checkState, EmulatorStateError } from './state-document.js';
import type { StoredAvatar, StoredGroupTag, StoredUser, WorkspaceChange, WorkspaceState } from './types.js';

/** A change as a journal keeps it: a reset or import carries the whole new state. */
export type RecordedChange =
  | Exclude<WorkspaceChange, { kind: 'replaced' }>
  | { kind: 'replaced'; state: WorkspaceState };

const fail = (path: string, problem: string): never => {
  throw new EmulatorStateError(`${path}: ${problem}`);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkId(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    fail(path, `must be a positive integer, got ${JSON.stringify(value)}`);
  return value as number;
}

/** A record whose value is an object keyed as the record says, or null; its fields are checked with the whole state. */
function checkValue(value: unknown, key: string, expected: unknown, path: string): void {
  if (value === null) return;
  if (!isObject(value)) fail(`${path}.${key}`, 'must be an object or null');
  const own = (value as Record<string, unknown>)[key === 'avatar' ? 'file' : 'id'];
  if (own !== expected) fail(`${path}.${key}`, `belongs to ${JSON.stringify(own)}, not ${JSON.stringify(expected)}`);
}

/** The shape of one recorded change; what its records hold is checked when the replayed state is. */
function checkChange(value: unknown, path: string): RecordedChange {
  if (!isObject(value)) return fail(path, 'must be an object');
  switch (value.kind) {
    case 'replaced':
      checkState(value.state);
      break;
    case 'user':
      checkValue(value.user, 'user', checkId(value.id, `${path}.id`), path);
      break;
    case 'group_tag':
      checkValue(value.tag, 'tag', checkId(value.id, `${path}.id`), path);
      break;
    case 'avatar':
      if (typeof value.file !== 'string') fail(`${path}.file`, 'must be a string');
      checkValue(value.avatar, 'avatar', value.file, path);
      break;
    case 'counters':
      for (const key of ['owner_id', 'next_user_id', 'next_group_tag_id']) checkId(value[key], `${path}.${key}`);
      break;
    default:
      fail(`${path}.kind`, `must be replaced, user, group_tag, avatar or counters, got ${JSON.stringify(value.kind)}`);
  }
  return value as RecordedChange;
}

/** Sets a record, or removes it (null). Deleted first, so a new record goes last, as the workspace's own maps order them. */
function setRecord<K, V>(map: Map<K, V>, key: K, record: V | null): void {
  map.delete(key);
  if (record !== null) map.set(key, record);
}

/** Applies recorded changes, in order, to a state; `state()` is the result, checked as an import would be. */
export class StateReplay {
  private base!: Omit<WorkspaceState, 'users' | 'group_tags' | 'avatars'>;
  private users!: Map<number, StoredUser>;
  private tags!: Map<number, StoredGroupTag>;
  private avatars!: Map<string, StoredAvatar>;

  constructor(state: WorkspaceState) {
    this.load(state);
  }

  private load({ users, group_tags, avatars, ...base }: WorkspaceState): void {
    this.base = base;
    this.users = new Map(users.map((user) => [user.id, user]));
    this.tags = new Map(group_tags.map((tag) => [tag.id, tag]));
    this.avatars = new Map(avatars.map((avatar) => [avatar.file, avatar]));
  }

  /** Applies the changes of one write; `path` names them in an error (e.g. `s.json.journal line 3`). */
  apply(changes: unknown, path: string): void {
    if (!Array.isArray(changes)) fail(path, 'must be an array of changes');
    (changes as unknown[]).forEach((value, i) => {
      this.applyOne(checkChange(value, `${path}[${i}]`));
    });
  }

  private applyOne(change: RecordedChange): void {
    if (change.kind === 'replaced') this.load(change.state);
    else if (change.kind === 'user') setRecord(this.users, change.id, change.user);
    else if (change.kind === 'group_tag') setRecord(this.tags, change.id, change.tag);
    else if (change.kind === 'avatar') setRecord(this.avatars, change.file, change.avatar);
    else {
      const { owner_id, next_user_id, next_group_tag_id } = change;
      this.base = { ...this.base, owner_id, next_user_id, next_group_tag_id };
    }
  }

  /** The replayed state, or an EmulatorStateError naming its first problem. */
  state(): WorkspaceState {
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    return checkState({
      ...this.base,
      users: [...this.users.values()].sort(byId),
      group_tags: [...this.tags.values()].sort(byId),
      avatars: [...this.avatars.values()],
    });
  }
}
