// Exit codes and the one place errors are printed. Everything printed goes through `redact`, so
// the token never reaches the terminal or a log, whatever an error message contains.
import { CommanderError } from 'commander';
import {
  PachcaApiError,
  PachcaConfigError,
  PachcaConnectionError,
  PachcaInputError,
  PachcaTokenError,
} from '../core/errors.js';
import { ConfigFileError } from './config.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './io.js';

export { EXIT } from './exit-codes.js';

/** Wrong or missing arguments found by the CLI itself: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** No token anywhere, or none that may be sent where the command is going: exit code 3. */
export class NotLoggedInError extends Error {
  override name = 'NotLoggedInError';
}

/** The `error` of an OAuth-style 403 body that says the token may not do this at all. */
const PERMISSION_ERRORS = new Set(['insufficient_scope', 'access_denied']);

/**
 * A 403 for the token's scopes or its user's role, as opposed to one by a business rule
 * (`owner_protected`): an OAuth-style body (`insufficient_scope`, `access_denied`), a
 * `permission_denied` field error, or a 403 that says nothing else.
 */
export function isPermissionDenied(error: PachcaApiError): boolean {
  if (error.status !== 403) return false;
  if (error.error) return PERMISSION_ERRORS.has(error.error) || !error.errors.length;
  if (error.errors.length) return error.errors.some((item) => item.code === 'permission_denied');
  return true;
}

function exitCodeForApi(error: PachcaApiError): number {
  if (error.status === 401) return EXIT.auth;
  return isPermissionDenied(error) ? EXIT.permission : EXIT.api;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  }
  // A token that cannot be sent (a control character pasted with it) is an auth problem, like none.
  if (error instanceof PachcaTokenError) return EXIT.auth;
  // The CLI checks for a token itself (NotLoggedInError), so any other PachcaConfigError is a bad setting.
  if (error instanceof UsageError || error instanceof ConfigFileError) return EXIT.usage;
  if (error instanceof PachcaInputError || error instanceof PachcaConfigError) return EXIT.usage;
  if (error instanceof NotLoggedInError) return EXIT.auth;
  if (error instanceof PachcaApiError) return exitCodeForApi(error);
  if (error instanceof PachcaConnectionError) return EXIT.network;
  return EXIT.api;
}

function hint(error: unknown): string | undefined {
  if (error instanceof PachcaApiError && error.status === 401) {
    return 'The token was rejected: check it with `pachca auth status` or log in again with `pachca auth login`.';
  }
  if (error instanceof PachcaApiError && error.status === 403 && error.error === 'insufficient_scope') {
    return 'The token lacks a scope this command needs: `pachca profile get-info` lists its scopes.';
  }
  if (error instanceof PachcaApiError && error.status === 403 && error.error === 'access_denied') {
    return "The token's user may not use the API (guests cannot): use another user's or a bot's token.";
  }
  return undefined;
}

/** The lines printed for an error on stderr. */
export function describeError(error: unknown): string[] {
  if (error instanceof PachcaApiError) {
    const lines = [`Error: ${error.message}`];
    // The message names the first field error; list the rest too.
    for (const item of error.errors.slice(1)) lines.push(`  ${item.key}: ${item.message} (${item.code})`);
    if (!error.requestId) lines.push('Request id: none (the response had no x-request-id header)');
    const extra = hint(error);
    if (extra) lines.push(extra);
    return lines;
  }
  return [`Error: ${error instanceof Error ? error.message : String(error)}`];
}

/** Prints the error through `redactText` (so never a token) and returns the process exit code. */
export function reportError(error: unknown, redactText: (text: string) => string, stderr: Output): number {
  // Commander has printed its own message (with a suggestion) already.
  if (!(error instanceof CommanderError)) {
    stderr.write(`${redactText(describeError(error).join('\n'))}\n`);
  }
  return exitCodeFor(error);
}
