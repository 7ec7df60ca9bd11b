// Global flags → an SDK client. Token: --token, then PACHCA_TOKEN, then the profile chosen with
// --profile or PACHCA_PROFILE, then the default profile. Base URL: --base-url, then
// PACHCA_BASE_URL, then that profile's, then the production API. A profile's token is bound to the
// server it was saved for: it is never sent to another origin.
import { DEFAULT_BASE_URL, HTTP_URL, Pachca } from '../core/client.js';
import { VERSION } from '../../generated/version.js';
import { configPath, readConfig, type SavedConfig, type SavedProfile } from './config.js';
import { dryRunFetch } from './dry-run.js';
import { NotLoggedInError, UsageError } from './errors.js';
import type { Output } from './io.js';
import type { Format, OutputFlags } from './view.js';
import { stderrLogger } from './verbose.js';

/** The global flags, as commander parses them. */
export interface GlobalOptions extends OutputFlags {
  token?: string;
  baseUrl?: string;
  timeout?: number;
  retry: boolean;
  header?: string[];
  profile?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** false with --no-input: never prompt. */
  interactive?: boolean;
}

export type TokenSource = '--token' | 'PACHCA_TOKEN' | 'profile';

export interface Settings {
  token: string | undefined;
  tokenSource: TokenSource | undefined;
  /** The profile in use: chosen with --profile/PACHCA_PROFILE, else the default one. */
  profile: string | undefined;
  baseUrl: string;
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  headers: Record<string, string>;
}

const nonEmpty = (value: string | undefined) => value?.trim() || undefined;

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

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The profile named by --profile or PACHCA_PROFILE, checked; undefined when neither names one. */
export function chosenProfile(options: Pick<GlobalOptions, 'profile'>, env: NodeJS.ProcessEnv): string | undefined {
  const name = nonEmpty(options.profile) ?? nonEmpty(env.PACHCA_PROFILE);
  if (name !== undefined && !PROFILE_NAME.test(name)) {
    throw new UsageError(`A profile name is letters, digits, "-", "_" and ".", got "${name}"`);
  }
  return name;
}

export function missingProfile(name: string, saved: SavedConfig): NotLoggedInError {
  const known = Object.keys(saved.profiles);
  return new NotLoggedInError(
    `No profile "${name}" (saved: ${known.join(', ') || 'none'}): log in with \`pachca auth login --profile ${name}\`.`,
  );
}

/** The origin a URL's token would be sent to, for comparing and naming: `https://api.pachca.com`. */
export const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** The server a profile was saved for: a profile saved without one (older versions) is production's. */
export const profileBaseUrl = (profile: SavedProfile): string => profile.baseUrl ?? DEFAULT_BASE_URL;

/**
 * A profile's token would go to another server than the one it was saved for: nothing is sent.
 * `pointedBy` names what chose the other server (--base-url or PACHCA_BASE_URL).
 */
export function foreignOrigin(
  name: string,
  profile: SavedProfile,
  baseUrl: string,
  pointedBy: string,
): NotLoggedInError {
  const saved = originOf(profileBaseUrl(profile));
  const wanted = originOf(baseUrl);
  return new NotLoggedInError(
    `Profile "${name}" was saved for ${saved}, but ${pointedBy} points at ${wanted}: its token is sent only to ${saved}, ` +
      `so nothing was sent. Log in for ${wanted} (\`pachca auth login -p NAME --base-url ${baseUrl}\`), ` +
      `pass --token or PACHCA_TOKEN, or drop ${pointedBy}.`,
  );
}

export interface ResolveChoice {
  /** `auth login` creates the profile, so it may not exist yet. */
  creatingProfile?: boolean;
}

export function resolveSettings(options: GlobalOptions, env: NodeJS.ProcessEnv, choice: ResolveChoice = {}): Settings {
  const flagToken = nonEmpty(options.token);
  const envToken = nonEmpty(env.PACHCA_TOKEN);
  const chosen = chosenProfile(options, env);
  // The config file is read only when a flag or the environment leaves something open.
  const needConfig = !(flagToken || envToken) || !(nonEmpty(options.baseUrl) || nonEmpty(env.PACHCA_BASE_URL));
  const saved: SavedConfig = needConfig ? readConfig(configPath(env)) : { profiles: {} };
  const profileName = chosen ?? saved.defaultProfile;
  const profile: SavedProfile | undefined = profileName ? saved.profiles[profileName] : undefined;
  if (needConfig && chosen && !profile && !choice.creatingProfile) throw missingProfile(chosen, saved);
  const [token, tokenSource]: [string | undefined, TokenSource | undefined] = flagToken
    ? [flagToken, '--token']
    : envToken
      ? [envToken, 'PACHCA_TOKEN']
      : profile
        ? [profile.token, 'profile']
        : [undefined, undefined];
  const flagUrl = nonEmpty(options.baseUrl);
  const envUrl = nonEmpty(env.PACHCA_BASE_URL);
  const baseUrl = flagUrl ?? envUrl ?? (profile ? profileBaseUrl(profile) : DEFAULT_BASE_URL);
  if (!HTTP_URL.test(baseUrl)) throw new UsageError(`The base URL must be an http(s) URL, got "${baseUrl}"`);
  if (tokenSource === 'profile' && profile && profileName && originOf(baseUrl) !== originOf(profileBaseUrl(profile))) {
    throw foreignOrigin(profileName, profile, baseUrl, flagUrl ? '--base-url' : 'PACHCA_BASE_URL');
  }
  return {
    token,
    tokenSource,
    profile: profileName,
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
  /** `--verbose`: the SDK's debug log on this stream. */
  verbose?: Output;
}

export function createClient(settings: Settings, choice: ClientChoice = {}): Pachca {
  const fetch = choice.dryRun ? dryRunFetch(choice.dryRun.format, choice.dryRun.stdout) : undefined;
  return new Pachca({
    token: requireToken(settings),
    baseUrl: settings.baseUrl,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    // A dry run must stop at the first request, never retry it.
    ...(choice.dryRun
      ? { maxRetries: 0 }
      : settings.maxRetries === undefined
        ? {}
        : { maxRetries: settings.maxRetries }),
    ...(fetch ? { fetch } : {}),
    // Only --verbose logs, and only to stderr: PACHCA_LOG's console lines would mix into stdout.
    // A dry run sends nothing, so it has nothing to log.
    ...(choice.verbose && !choice.dryRun
      ? { logLevel: 'debug' as const, logger: stderrLogger(choice.verbose) }
      : { logLevel: 'off' as const }),
    headers: { 'User-Agent': `pachca-cli/${VERSION} pachca-sdk/${VERSION}`, ...settings.headers },
  });
}

/** The client for a command run with `globals`: --dry-run and --verbose applied. */
export function clientFor(
  settings: Settings,
  globals: GlobalOptions,
  io: { stdout: Output; stderr: Output },
  dryRun: boolean,
): Pachca {
  return createClient(settings, {
    ...(dryRun ? { dryRun: { format: globals.output, stdout: io.stdout } } : {}),
    ...(globals.verbose ? { verbose: io.stderr } : {}),
  });
}
