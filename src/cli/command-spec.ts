// The shape of generated/cli-commands.ts: everything the CLI needs to know about an operation to
// build its command, written by scripts/lib/cli-table.ts from the spec.
import type { OperationId } from '../../generated/operations.js';

/** How a flag's text becomes a value: lists accept JSON or comma-separated text. */
export type CliValueType = 'string' | 'integer' | 'number' | 'boolean' | 'string[]' | 'integer[]' | 'json';

export interface CliArgumentSpec {
  /** The path parameter (`id`, `user_id`). */
  name: string;
  description: string;
}

export interface CliOptionSpec {
  /** Kebab-case flag name without dashes: `first-name`. */
  flag: string;
  in: 'query' | 'body';
  /**
   * Where the value goes: the SDK's query key (`['names']`) or the path into the body as the SDK
   * takes it (`['user', 'first_name']`; the inner `status` object for the status operations).
   */
  target: [string, ...string[]];
  type: CliValueType;
  enum?: string[];
  required: boolean;
  description: string;
}

/** A parameter or body field in `pachca api … --describe`. */
export interface ReferenceField {
  /** Body fields nest with dots: `user.first_name`, `list_tags[].name`. */
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface CliReference {
  parameters: (ReferenceField & { in: 'path' | 'query' })[];
  body?: { contentType: string; fields: ReferenceField[] };
  responses: { status: string; description: string }[];
}

export interface CliCommandSpec {
  operationId: OperationId;
  /** `[group, command]` from `x-cli-command`. */
  words: [string, string];
  summary: string;
  /** The token scope the API docs name for it (`x-scope`), if any. */
  scope?: string;
  description: string;
  method: string;
  path: string;
  arguments: CliArgumentSpec[];
  options: CliOptionSpec[];
  /** Set for multipart uploads: the file goes in `--file`. */
  file?: { description: string };
  /** DELETE operations: confirmed on a terminal, refused without --force elsewhere. */
  destructive: boolean;
  paginated: boolean;
  /** Shell lines for `--help`, the same as the docs' CLI code sample. */
  example: string;
  /** The spec's parameters, body fields and responses, for `pachca api … --describe`. */
  reference: CliReference;
}

export interface CliGroupSpec {
  name: string;
  description: string;
  example: string;
}
