// Global flags → an SDK client. Token: --token, then PACHCA_TOKEN, then the saved login.
// Base URL: --base-url, then PACHCA_BASE_URL, then the saved one, then the production API.
import { Pachca, DEFAULT_BASE_URL } from '../core/client.js';
import { VERSION } from '../version.js';
import { configPath, readConfig } from './config.js';
import { dryRunFetch } from './dry-run.js';
import { NotLoggedInError, UsageError } from './errors.js';
import type { Output } from './io.js';
import type { Format } from './output.js';

/** The global flags, as commander parses them. */
export interface GlobalOptions {
  token?: string;
  baseUrl?: string;
  timeout?: number;
  retry: boolean;
  output?: Format;
  header?: string[];
}

export type TokenSource = '--token' | 'PACHCA_TOKEN' | 'config file';

export interface Settings {
  token: string | undefined;
  tokenSource: TokenSource | undefined;
  baseUrl: string;
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  headers: Record<string, string>;
}

const nonEmpty = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

export function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/.exec(line);
    if (!match) throw new UsageError(`--header must look like "Name: value", got "${line}"`);
    const [, name, value] = match as unknown as [string, string, string];
    if (name.toLowerCase() === 'authorization') throw new UsageError('Set the token with --token, not --header');
    headers[name] = value;
  }
  return headers;
}

export function resolveSettings(options: GlobalOptions, env: NodeJS.ProcessEnv): Settings {
  // The config file is read only when a flag or the environment leaves something open.
  const flagToken = nonEmpty(options.token);
  const envToken = nonEmpty(env.PACHCA_TOKEN);
  const needConfig = !(flagToken || envToken) || !(nonEmpty(options.baseUrl) || nonEmpty(env.PACHCA_BASE_URL));
  const saved = needConfig ? readConfig(configPath(env)) : {};
  const [token, tokenSource]: [string | undefined, TokenSource | undefined] = flagToken
    ? [flagToken, '--token']
    : envToken
      ? [envToken, 'PACHCA_TOKEN']
      : saved.token
        ? [saved.token, 'config file']
        : [undefined, undefined];
  const baseUrl = nonEmpty(options.baseUrl) ?? nonEmpty(env.PACHCA_BASE_URL) ?? saved.baseUrl ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`The base URL must be an http(s) URL, got "${baseUrl}"`);
  return {
    token,
    tokenSource,
    baseUrl,
    timeoutMs: options.timeout === undefined ? undefined : Math.round(options.timeout * 1000),
    maxRetries: options.retry ? undefined : 0,
    headers: parseHeaders(options.header ?? []),
  };
}

export function requireToken(settings: Settings): string {
  if (!settings.token) {
    throw new NotLoggedInError(
      'Not logged in: run `pachca auth login --token <token>`, set PACHCA_TOKEN or pass --token.',
    );
  }
  return settings.token;
}

export interface ClientChoice {
  /** Print requests on `stdout` instead of sending them. */
  dryRun?: { format: Format | undefined; stdout: Output };
}

export function createClient(settings: Settings, choice: ClientChoice = {}): Pachca {
  return new Pachca({
    token: requireToken(settings),
    baseUrl: settings.baseUrl,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    // A dry run must stop at the first request, never retry it.
    ...(choice.dryRun ? { maxRetries: 0, fetch: dryRunFetch(choice.dryRun.format, choice.dryRun.stdout) } : settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    headers: { 'User-Agent': `pachca-cli/${VERSION} pachca-sdk/${VERSION}`, ...settings.headers },
  });
}
