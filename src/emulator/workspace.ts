// The workspace in memory: the records of WorkspaceState plus the indexes that keep relations
// consistent and pages cheap at 10,000 users (ids in order, tag members, names and emails taken).
// Every change goes through these methods, so no index can fall behind its records, and each
// method records which records it changed, so a journal can save a write without the whole state.
import { fromBase64, toBase64 } from './base64.js';
import type {
  StoredAvatar,
  StoredCustomProperty,
  StoredGroupTag,
  StoredUser,
  WorkspaceChange,
  WorkspaceState,
} from './types.js';

/** Where uploaded avatars are served, after the origin and base path. */
export const AVATAR_PATH = '/__emulator/avatars/';

/** A deep copy of plain JSON data (faster than structuredClone for many small records). */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A user record with every optional field unset: where a created user starts (invited, by
 * `inviter_id`), and each seeded one before its own fields.
 */
export function blankUser(fields: Pick<StoredUser, 'id' | 'invite_status' | 'inviter_id' | 'created_at'>): StoredUser {
  return {
    first_name: null,
    last_name: null,
    nickname: '',
    email: null,
    phone_number: null,
    department: null,
    title: null,
    role: 'user',
    suspended: false,
    group_tag_ids: [],
    custom_properties: [],
    status: null,
    bot: false,
    sso: false,
    last_activity_at: null,
    time_zone: null,
    image_url: null,
    ...fields,
  };
}

/** Names and emails are unique regardless of case. */
export const uniqueKey = (text: string): string => text.trim().toLowerCase();

export interface Avatar {
  contentType: string;
  bytes: Uint8Array;
}

/** The index of the first id in sorted `ids` that is ≥ `id`. */
export function lowerBound(ids: readonly number[], id: number): number {
  let [low, high] = [0, ids.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] ?? Number.POSITIVE_INFINITY) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

function removeSorted(ids: number[], id: number): void {
  const at = lowerBound(ids, id);
  if (ids[at] === id) ids.splice(at, 1);
}

export class Workspace {
  ownerId: number;
  nextUserId: number;
  nextGroupTagId: number;
  readonly tokens: Map<string, number>;
  readonly users = new Map<number, StoredUser>();
  /** User ids in ascending order: the order of every user list. */
  readonly userIds: number[] = [];
  readonly groupTags = new Map<number, StoredGroupTag>();
  readonly groupTagIds: number[] = [];
  readonly members = new Map<number, Set<number>>();
  readonly customProperties: StoredCustomProperty[];
  readonly avatars = new Map<string, Avatar>();
  private readonly tagByName = new Map<string, number>();
  private readonly userByEmail = new Map<string, number>();
  /** The keys of the records changed since the last `takeChanges()`, in the order they changed. */
  private readonly changedUsers = new Set<number>();
  private readonly changedTags = new Set<number>();
  private readonly changedAvatars = new Set<string>();

  /**
   * A workspace from a state document that has passed `checkState`. It keeps the document's
   * records unless `copy` is set (a document someone else still holds).
   */
  constructor(state: WorkspaceState, { copy: copying = true }: { copy?: boolean } = {}) {
    const copy = copying ? cloneJson(state) : state;
    this.ownerId = copy.owner_id;
    this.nextUserId = copy.next_user_id;
    this.nextGroupTagId = copy.next_group_tag_id;
    this.tokens = new Map(Object.entries(copy.tokens));
    this.customProperties = copy.custom_properties;
    for (const tag of [...copy.group_tags].sort((a, b) => a.id - b.id)) this.addGroupTag(tag);
    for (const user of [...copy.users].sort((a, b) => a.id - b.id)) this.addUser(user);
    for (const { file, content_type, data } of copy.avatars) {
      this.avatars.set(file, { contentType: content_type, bytes: fromBase64(data) });
    }
    this.takeChanges(); // loading is not a change
  }

  /**
   * The records changed since the last call, each once with its value now (null: removed), and the
   * counters; empty when nothing changed. The values are the workspace's own records.
   */
  takeChanges(): WorkspaceChange[] {
    if (this.changedUsers.size + this.changedTags.size + this.changedAvatars.size === 0) return [];
    const changes: WorkspaceChange[] = [];
    for (const id of this.changedUsers) changes.push({ kind: 'user', id, user: this.users.get(id) ?? null });
    for (const id of this.changedTags) changes.push({ kind: 'group_tag', id, tag: this.groupTags.get(id) ?? null });
    for (const file of this.changedAvatars) {
      const avatar = this.avatars.get(file);
      changes.push({
        kind: 'avatar',
        file,
        avatar: avatar ? { file, content_type: avatar.contentType, data: toBase64(avatar.bytes) } : null,
      });
    }
    changes.push({
      kind: 'counters',
      owner_id: this.ownerId,
      next_user_id: this.nextUserId,
      next_group_tag_id: this.nextGroupTagId,
    });
    this.changedUsers.clear();
    this.changedTags.clear();
    this.changedAvatars.clear();
    return changes;
  }

  /** Records a change that a handler made to a user's fields directly (a name, a role, a status). */
  touch(user: StoredUser): void {
    this.changedUsers.add(user.id);
  }

  toState(): WorkspaceState {
    const avatars: StoredAvatar[] = [...this.avatars].map(([file, { contentType, bytes }]) => ({
      file,
      content_type: contentType,
      data: toBase64(bytes),
    }));
    return cloneJson({
      version: 1,
      owner_id: this.ownerId,
      next_user_id: this.nextUserId,
      next_group_tag_id: this.nextGroupTagId,
      tokens: Object.fromEntries(this.tokens),
      users: this.userIds.map((id) => this.user(id)),
      group_tags: this.groupTagIds.map((id) => this.groupTag(id)),
      custom_properties: this.customProperties,
      avatars,
    });
  }

  /** The user of an id that an index of this workspace holds: a miss is a broken invariant, not bad input. */
  user(id: number): StoredUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`emulator: user ${id} is indexed but missing`);
    return user;
  }

  /** The group tag of an id that an index of this workspace holds (as `user()`). */
  groupTag(id: number): StoredGroupTag {
    const tag = this.groupTags.get(id);
    if (!tag) throw new Error(`emulator: group tag ${id} is indexed but missing`);
    return tag;
  }

  /** The definition of a custom property id that a user's values hold (as `user()`). */
  customProperty(id: number): StoredCustomProperty {
    const definition = this.customProperties.find((candidate) => candidate.id === id);
    if (!definition) throw new Error(`emulator: custom property ${id} is held but not defined`);
    return definition;
  }

  userIdByEmail(email: string): number | undefined {
    return this.userByEmail.get(uniqueKey(email));
  }

  groupTagIdByName(name: string): number | undefined {
    return this.tagByName.get(uniqueKey(name));
  }

  /** Adds a user whose id is above every other (new users) or any unused id (loading a state). */
  addUser(user: StoredUser): void {
    this.touch(user);
    this.users.set(user.id, user);
    if (user.id < (this.userIds.at(-1) ?? Number.NEGATIVE_INFINITY)) {
      this.userIds.splice(lowerBound(this.userIds, user.id), 0, user.id);
    } else this.userIds.push(user.id);
    if (user.email !== null) this.userByEmail.set(uniqueKey(user.email), user.id);
    for (const tagId of user.group_tag_ids) this.members.get(tagId)?.add(user.id);
  }

  setEmail(user: StoredUser, email: string): void {
    this.touch(user);
    if (user.email !== null) this.userByEmail.delete(uniqueKey(user.email));
    user.email = email;
    this.userByEmail.set(uniqueKey(email), user.id);
  }

  setGroupTags(user: StoredUser, tagIds: number[]): void {
    this.touch(user);
    for (const tagId of user.group_tag_ids) this.members.get(tagId)?.delete(user.id);
    user.group_tag_ids = tagIds;
    for (const tagId of tagIds) this.members.get(tagId)?.add(user.id);
  }

  /** Drops the uploaded file the user's image_url points at, if it is one. */
  private forgetAvatar(user: StoredUser): void {
    const file = user.image_url?.split(AVATAR_PATH)[1];
    if (file && this.avatars.delete(file)) this.changedAvatars.add(file);
  }

  /** Sets the user's avatar to an uploaded file served at `url`, or clears it (null); the file it replaces is dropped. */
  setAvatar(user: StoredUser, upload: { file: string; avatar: Avatar; url: string } | null): void {
    this.forgetAvatar(user);
    if (upload) {
      this.avatars.set(upload.file, upload.avatar);
      this.changedAvatars.add(upload.file);
    }
    user.image_url = upload?.url ?? null;
    this.touch(user);
  }

  deleteUser(user: StoredUser): void {
    this.touch(user);
    this.forgetAvatar(user);
    this.setGroupTags(user, []);
    if (user.email !== null) this.userByEmail.delete(uniqueKey(user.email));
    this.users.delete(user.id);
    removeSorted(this.userIds, user.id);
  }

  addGroupTag(tag: StoredGroupTag): void {
    this.changedTags.add(tag.id);
    this.groupTags.set(tag.id, tag);
    this.groupTagIds.push(tag.id);
    this.tagByName.set(uniqueKey(tag.name), tag.id);
    this.members.set(tag.id, new Set());
  }

  renameGroupTag(tag: StoredGroupTag, name: string): void {
    this.changedTags.add(tag.id);
    this.tagByName.delete(uniqueKey(tag.name));
    tag.name = name;
    this.tagByName.set(uniqueKey(name), tag.id);
  }

  deleteGroupTag(tag: StoredGroupTag): void {
    for (const userId of this.members.get(tag.id) ?? []) {
      const user = this.user(userId);
      user.group_tag_ids = user.group_tag_ids.filter((id) => id !== tag.id);
      this.touch(user);
    }
    this.changedTags.add(tag.id);
    this.members.delete(tag.id);
    this.tagByName.delete(uniqueKey(tag.name));
    this.groupTags.delete(tag.id);
    removeSorted(this.groupTagIds, tag.id);
  }

  /** The members of a tag in id order. */
  memberIds(tagId: number): number[] {
    return [...(this.members.get(tagId) ?? [])].sort((a, b) => a - b);
  }
}
