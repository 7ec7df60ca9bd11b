// What a handler gets: the workspace, the request's parts (already authorised and structurally
// checked against the spec) and the caller. Handlers are synchronous, so a check and the write it
// guards (a name still free, then the insert) happen with no other request in between.
import type { Invitation, StoredUser } from './types.js';
import type { Workspace } from './workspace.js';

/** A file part of a multipart body, read before the handler runs. */
export interface UploadedFile {
  bytes: Uint8Array;
  type: string;
  name: string;
}

export interface Context {
  workspace: Workspace;
  operationId: string;
  /** Path parameters, as integers. */
  params: Readonly<Record<string, number>>;
  query: URLSearchParams;
  /** The parsed JSON body, or a multipart body's fields (files as UploadedFile). */
  body: unknown;
  /** The token's user. */
  viewer: StoredUser;
  token: string;
  /** The scopes the token may use now (its own, narrowed by its user's current role). */
  scopes: readonly string[];
  /** When the token was used before this request, null the first time. */
  tokenLastUsedAt: string | null;
  /** The emulator clock, in ms. */
  now: number;
  requestId: string;
  /** The origin and base path clients reach the API at (`http://127.0.0.1:3000/api`): what the workspace's paths resolve against. */
  publicRoot: string;
  /** Records an invitation email in the outbox. */
  invite(invitation: Invitation): void;
}

/** A handler answers and says whether it changed the workspace. */
export type Handler = (context: Context) => { response: Response; changed?: boolean };
