// The saved login: $XDG_CONFIG_HOME/pachca/config.json (else ~/.config/pachca/config.json).
// The directory is created 0700 and the file 0600, since it holds an access token.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

export interface SavedConfig {
  token?: string;
  baseUrl?: string;
}

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

/** The saved config, or `{}` when there is none. A broken file is an error, not a silent logout. */
export function readConfig(path: string): SavedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    const { token, baseUrl } = value as Record<string, unknown>;
    return {
      ...(typeof token === 'string' && token ? { token } : {}),
      ...(typeof baseUrl === 'string' && baseUrl ? { baseUrl } : {}),
    };
  } catch (error) {
    throw new ConfigFileError(`${path} is not valid JSON (${(error as Error).message}); fix it or run \`pachca auth logout\``);
  }
}

/** Writes the config atomically; the file is never readable by others, not even for a moment. */
export function writeConfig(config: SavedConfig, path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
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
