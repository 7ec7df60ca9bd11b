// The emulator's public types: its options, the interface of an emulator, and the JSON document
// its workspace exports and imports.
import type { everyOperationStatuses } from '../../generated/msw.js';
import type { components } from '../../generated/schema.js';
import type { FieldError } from '../msw/validate.js';

export type Role = components['schemas']['UserRole'];
export type DataType = components['schemas']['CustomPropertyDataType'];

export interface EmulatorOptions {
  /** Seeded users, default 120, allowed 1..10,000 (RangeError otherwise). */
  users?: number;
  /** Picks the deterministic workspace, default 1. */
  seed?: number;
  /** Path prefix in front of the API paths, e.g. '/api/shared/v1' for MSW on the real base URL; default ''. */
  basePath?: string;
  /** Origin put into image_url of the avatars it serves, e.g. 'http://127.0.0.1:4010'; default: the request URL's origin. */
  publicOrigin?: string;
  /** Answer 429 + Retry-After past N requests per second per token; off by default. */
  rateLimit?: number;
  /**
   * Checks each routed, authorised request before its handler runs: the problems it returns are
   * answered 422 in the API's shape. The Node server passes its check against the spec.
   */
  checkRequest?: RequestCheck;
}

/** What a request check sees of one request routed to an operation. */
export interface CheckedRequest {
  operationId: string;
  url: URL;
  headers: Headers;
  /** The path parameters, already matched as ids. */
  params: Record<string, number>;
  /** The JSON body parsed, or a multipart body's fields (files as UploadedFile); undefined when none. */
  body: unknown;
}

export type RequestCheck = (request: CheckedRequest) => FieldError[];

/** A status as stored: `away_message` is the plain string the requests send. */
export interface StoredStatus {
  emoji: string;
  title: string;
  expires_at: string | null;
  is_away: boolean;
  away_message: string | null;
}

/** A user as stored: tags by id (so a rename reaches every member), custom property values by id. */
export interface StoredUser {
  id: number;
  first_name: string | null;
  last_name: string | null;
  nickname: string;
  email: string | null;
  phone_number: string | null;
  department: string | null;
  title: string | null;
  role: Role;
  suspended: boolean;
  invite_status: 'confirmed' | 'sent';
  inviter_id: number | null;
  group_tag_ids: number[];
  custom_properties: { id: number; value: string | null }[];
  status: StoredStatus | null;
  bot: boolean;
  sso: boolean;
  created_at: string;
  last_activity_at: string | null;
  time_zone: string | null;
  /** A whole URL, or the path of an avatar the emulator serves (`/__emulator/avatars/<file>`), which answers resolve. */
  image_url: string | null;
}

export interface StoredGroupTag {
  id: number;
  name: string;
}

export interface StoredCustomProperty {
  id: number;
  entity_type: 'User' | 'Task';
  name: string;
  data_type: DataType;
}

/** An uploaded avatar, served at /__emulator/avatars/<file>. */
export interface StoredAvatar {
  file: string;
  content_type: string;
  /** The image bytes, base64. */
  data: string;
}

/** The whole workspace as plain JSON: what GET /__emulator/state answers and PUT takes. */
export interface WorkspaceState {
  version: 1;
  owner_id: number;
  next_user_id: number;
  next_group_tag_id: number;
  /** Which user each fixed token belongs to (see EMULATOR_TOKENS). */
  tokens: Record<string, number>;
  users: StoredUser[];
  group_tags: StoredGroupTag[];
  custom_properties: StoredCustomProperty[];
  avatars: StoredAvatar[];
}

/**
 * One record a change of the workspace set or removed (`null`), in the state document's shapes.
 * A change lists each record it touched once, with its value after the change, and always the
 * counters; a reset or import is one `replaced` (read the new state with `exportState()`).
 * Tokens and custom property definitions change only by a reset or an import.
 */
export type WorkspaceChange =
  | { kind: 'replaced' }
  | { kind: 'user'; id: number; user: StoredUser | null }
  | { kind: 'group_tag'; id: number; tag: StoredGroupTag | null }
  | { kind: 'avatar'; file: string; avatar: StoredAvatar | null }
  | { kind: 'counters'; owner_id: number; next_user_id: number; next_group_tag_id: number };

export type FaultMatch = { operationId: string } | { method: string; path: string };
export type Fault =
  | { status: (typeof everyOperationStatuses)[number]; retryAfter?: number; times?: number }
  | { delayMs: number; times?: number };
export interface PendingFault {
  match: FaultMatch;
  fault: Fault;
  /** How many more requests it applies to. */
  remaining: number;
}

export interface Violation {
  location: string[];
  severity: string;
  code?: string;
  message: string;
}

export interface JournalEntry {
  method: string;
  path: string;
  status: number;
  user: { id: number; name: string } | null;
  requestId: string;
  durationMs: number;
  at: string;
  violations: Violation[];
}

/** An invitation email that POST /users "sent". */
export interface Invitation {
  user_id: number;
  email: string;
  inviter_id: number;
  sent_at: string;
  request_id: string;
}

export interface Emulator {
  /**
   * Serves one request: an API path (relative to basePath) or a control path under /__emulator/.
   * Never throws: every failure is a Response in the API's error shape.
   */
  handle(request: Request): Promise<Response>;
  /** Back to the seed. */
  reset(): void;
  exportState(): WorkspaceState;
  /** Throws EmulatorStateError naming the problem; the state is unchanged on error. */
  importState(document: unknown): void;
  /**
   * Called after every change of the workspace (a write, reset, import) with the records it
   * changed, e.g. to persist it: a journal appends the records (`applyChanges` replays them), a
   * saver of small workspaces reads the whole state with `exportState()` (about 100 ms at 10,000
   * users). The records are the workspace's own: a listener that keeps one copies it (serializes
   * it) before it returns.
   */
  onChange(listener: (changes: readonly WorkspaceChange[]) => void): () => void;
  readonly faults: { next(match: FaultMatch, fault: Fault): void; clear(): void; list(): PendingFault[] };
  /** The time status expiry uses; `set(null)` goes back to real time. */
  readonly clock: { now(): number; set(isoOrMs: string | number | null): void };
  readonly journal: { list(): JournalEntry[]; annotate(requestId: string, violations: Violation[]): void };
  readonly outbox: { list(): Invitation[] };
  /** operationIds of the spec that the engine does not implement (they answer their spec examples). */
  readonly unimplemented: readonly string[];
}
