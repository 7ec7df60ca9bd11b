// The saved logins: $XDG_CONFIG_HOME/pachca/config.json (else ~/.config/pachca/config.json), one
// named profile per token and the one used by default. The directory is created 0700 and the file
// 0600, since it holds access tokens; it is replaced atomically, never half-written.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { isPlainObject } from '../core/json.js';

/** What `auth login` learnt about the token (GET /oauth/token/info), shown by `auth status`. */
export interface SavedTokenInfo {
  name: string | null;
  user_id: number;
  scopes: string[];
  created_at: string;
  /** When it was read from the API. */
  checked_at: string;
}

export interface SavedProfile {
  token: string;
  baseUrl?: string;
  tokenInfo?: SavedTokenInfo;
}

export interface SavedConfig {
  /** The profile used when neither --profile nor PACHCA_PROFILE names one. */
  defaultProfile?: string;
  profiles: Record<string, SavedProfile>;
}

/** The profile of a config written before profiles existed, and of `auth login` without --profile. */
export const DEFAULT_PROFILE = 'default';

export function configPath(env: NodeJS.ProcessEnv): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  // HOME is what os.homedir() reads on Unix; reading it from `env` lets a caller run the CLI with its own.
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'pachca', 'config.json');
}

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

function profileFrom(value: unknown): SavedProfile | undefined {
  if (!isPlainObject(value) || typeof value.token !== 'string' || !value.token) return undefined;
  return {
    token: value.token,
    ...(typeof value.baseUrl === 'string' && value.baseUrl ? { baseUrl: value.baseUrl } : {}),
    ...(isPlainObject(value.tokenInfo) ? { tokenInfo: value.tokenInfo as unknown as SavedTokenInfo } : {}),
  };
}

/** The saved config (no profiles when there is none). A broken file is an error, not a silent logout. */
export function readConfig(path: string): SavedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new ConfigFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (!isPlainObject(value)) throw new Error('not a JSON object');
  } catch (error) {
    throw new ConfigFileError(
      `${path} is not valid JSON (${(error as Error).message}); fix it or run \`pachca auth logout --all\``,
    );
  }
  // Written by a version without profiles: `{token, baseUrl}` is the default profile.
  if (!('profiles' in value)) {
    const profile = profileFrom(value);
    return profile ? { defaultProfile: DEFAULT_PROFILE, profiles: { [DEFAULT_PROFILE]: profile } } : { profiles: {} };
  }
  const profiles: Record<string, SavedProfile> = {};
  for (const [name, entry] of Object.entries(isPlainObject(value.profiles) ? value.profiles : {})) {
    const profile = profileFrom(entry);
    if (profile) profiles[name] = profile;
  }
  const defaultProfile =
    typeof value.defaultProfile === 'string' && value.defaultProfile in profiles ? value.defaultProfile : undefined;
  return { ...(defaultProfile ? { defaultProfile } : {}), profiles };
}

/** Writes the config atomically; the file is never readable by others, not even for a moment. */
export function writeConfig(config: SavedConfig, path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // `mode` only applies to new files and is reduced by the umask: set it explicitly.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Removes the saved config; true when there was one. */
export function deleteConfig(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ConfigFileError(`cannot remove ${path}: ${(error as Error).message}`);
  }
}
