// The shape of a row of generated/msw.ts: what the MSW handler of one operation checks and answers.
import type { BodyCheck } from './validate.js';

/** A declared response: its example headers and its named examples. */
export interface DeclaredResponse {
  headers: Readonly<Record<string, string>>;
  examples?: Readonly<Record<string, unknown>>;
}

export interface MswRow {
  /** The method and the path template, e.g. `GET /users/{id}`. */
  route: string;
  success: number;
  /** The token scope the API docs name (`x-scope`); the emulator checks it, the handlers do not. */
  scope?: string;
  /** A request without `Authorization: Bearer …` gets the 401. */
  auth?: boolean;
  /** The checks a request body must pass, else the answer is a 422. */
  json?: BodyCheck;
  multipart?: BodyCheck;
  responses: Readonly<Record<number, DeclaredResponse>>;
}
