// `pachca auth login | status | list | switch | logout`: named profiles of saved tokens, each
// checked against the API before it is saved and shown only masked.
import type { Command } from 'commander';
import { DEFAULT_BASE_URL } from '../core/client.js';
import { PachcaApiError } from '../core/errors.js';
import {
  configPath,
  deleteConfig,
  readConfig,
  writeConfig,
  DEFAULT_PROFILE,
  type SavedConfig,
  type SavedTokenInfo,
} from './config.js';
import {
  chosenProfile,
  clientFor,
  profileBaseUrl,
  missingProfile,
  requireToken,
  resolveSettings,
  type GlobalOptions,
} from './context.js';
import { maskToken } from './secrets.js';
import { UsageError } from './errors.js';
import { exampleText } from './help-text.js';
import { type CliIo, readAll } from './io.js';
import { print } from './output.js';
import { viewFor } from './view.js';

type Fields = Record<string, unknown>;

function savedInfo(info: Fields): SavedTokenInfo {
  return {
    name: (info.name as string | null | undefined) ?? null,
    user_id: info.user_id as number,
    scopes: (info.scopes as string[] | undefined) ?? [],
    created_at: info.created_at as string,
    checked_at: new Date().toISOString(),
  };
}

/** Saves `config`, or removes the file when no profile is left. */
function save(config: SavedConfig, path: string): void {
  if (Object.keys(config.profiles).length === 0) deleteConfig(path);
  else writeConfig(config, path);
}

async function login(globals: GlobalOptions, io: CliIo): Promise<void> {
  let token = globals.token?.trim();
  if (!token) {
    if (io.stdin.isTTY) {
      throw new UsageError('Pass the token with --token, or pipe it in: echo "$PACHCA_TOKEN" | pachca auth login');
    }
    token = (await readAll(io.stdin)).trim();
    if (!token) throw new UsageError('No token on stdin: pass it with --token or pipe it in');
  }
  const path = configPath(io.env);
  const config = readConfig(path);
  // Without --profile, login refreshes the profile in use (the first one is "default").
  const name = chosenProfile(globals, io.env) ?? config.defaultProfile ?? DEFAULT_PROFILE;
  // The server in effect (--base-url, else PACHCA_BASE_URL, else production) is the only one the
  // saved token will be sent to.
  const baseUrl = loginBaseUrl(globals, io.env);
  const settings = resolveSettings({ ...globals, token, profile: name, baseUrl }, io.env, { creatingProfile: true });
  // Only a token the API accepts is saved.
  const info = (await clientFor(settings, globals, io, false).request('getTokenInfo')) as Fields;
  config.profiles[name] = { token, baseUrl, tokenInfo: savedInfo(info) };
  if (!config.defaultProfile) config.defaultProfile = name;
  writeConfig(config, path);
  const tokenName = info.name ? ` "${String(info.name)}"` : '';
  const isDefault = config.defaultProfile === name ? ' (the default)' : '';
  io.stderr.write(
    `Logged in with token${tokenName} of user ${String(info.user_id)} at ${baseUrl}; saved as profile "${name}"${isDefault} in ${path}\n`,
  );
}

/** The base URL `auth login` checks the token at and saves: --base-url, else PACHCA_BASE_URL, else production. */
function loginBaseUrl(globals: GlobalOptions, env: NodeJS.ProcessEnv): string {
  return (globals.baseUrl?.trim() || env.PACHCA_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

async function remoteInfo(globals: GlobalOptions, io: CliIo): Promise<{ info: Fields; user: unknown }> {
  const client = clientFor(resolveSettings(globals, io.env), globals, io, false);
  const [info, profile] = await Promise.allSettled([client.request('getTokenInfo'), client.request('getProfile')]);
  if (info.status === 'rejected') throw info.reason;
  const tokenInfo = info.value as Fields;
  if (profile.status === 'fulfilled') {
    const p = profile.value as Fields;
    return {
      info: tokenInfo,
      user: {
        id: p.id,
        first_name: p.first_name,
        last_name: p.last_name,
        nickname: p.nickname,
        email: p.email,
        role: p.role,
      },
    };
  }
  // A token without the profile scope still works for other commands: say so, don't fail.
  if (profile.reason instanceof PachcaApiError && profile.reason.status !== 401) {
    return { info: tokenInfo, user: { id: tokenInfo.user_id, profile: `unavailable (${profile.reason.status})` } };
  }
  throw profile.reason;
}

async function status(globals: GlobalOptions, remote: boolean, io: CliIo): Promise<void> {
  const settings = resolveSettings(globals, io.env);
  const token = requireToken(settings);
  const path = configPath(io.env);
  const config = readConfig(path);
  const fromProfile = settings.tokenSource === 'profile';
  const saved = fromProfile && settings.profile ? config.profiles[settings.profile] : undefined;
  const source = fromProfile ? `profile "${settings.profile}" in ${path}` : settings.tokenSource;
  let info: Fields | undefined = saved?.tokenInfo as Fields | undefined;
  let user: unknown = info ? { id: info.user_id } : undefined;
  // Offline from what login saved; --remote (or a token with nothing saved) asks the API.
  if (remote || !info) {
    ({ info, user } = await remoteInfo(globals, io));
    if (saved && settings.profile) {
      // Re-read: what `auth status` shows offline next time.
      saved.tokenInfo = savedInfo(info);
      writeConfig(config, path);
    }
  }
  await print(
    {
      kind: 'object',
      value: {
        profile: settings.profile ?? null,
        token: maskToken(token),
        token_source: source,
        base_url: settings.baseUrl,
        token_name: info.name ?? null,
        scopes: info.scopes,
        created_at: info.created_at,
        ...(remote || !saved ? { last_used_at: info.last_used_at ?? null } : { checked_at: info.checked_at ?? null }),
        user,
      },
    },
    viewFor(globals, io),
    io.stdout,
  );
}

async function list(globals: GlobalOptions, io: CliIo): Promise<void> {
  const config = readConfig(configPath(io.env));
  const items = Object.entries(config.profiles).map(([name, profile]) => ({
    profile: name,
    default: name === config.defaultProfile,
    token: maskToken(profile.token),
    token_name: profile.tokenInfo?.name ?? null,
    user_id: profile.tokenInfo?.user_id ?? null,
    base_url: profileBaseUrl(profile),
  }));
  if (items.length === 0)
    io.stderr.write('No profiles: log in with `pachca auth login --profile NAME --token TOKEN`.\n');
  else await print({ kind: 'list', items }, viewFor(globals, io), io.stdout);
}

function switchTo(name: string, io: CliIo): void {
  const path = configPath(io.env);
  const config = readConfig(path);
  if (!config.profiles[name]) throw missingProfile(name, config);
  config.defaultProfile = name;
  writeConfig(config, path);
  io.stderr.write(`Profile "${name}" is now the default.\n`);
}

function logout(globals: GlobalOptions, options: { all?: boolean }, named: string | undefined, io: CliIo): void {
  const path = configPath(io.env);
  if (options.all) {
    const removed = deleteConfig(path);
    io.stderr.write(
      removed ? `Logged out of every profile: removed ${path}\n` : `Not logged in: there is no ${path}\n`,
    );
  } else {
    const config = readConfig(path);
    const name = named ?? chosenProfile(globals, io.env) ?? config.defaultProfile;
    if (!name || !config.profiles[name]) {
      if (name && Object.keys(config.profiles).length) throw missingProfile(name, config);
      io.stderr.write(`Not logged in: there is no saved profile in ${path}\n`);
    } else {
      delete config.profiles[name];
      if (config.defaultProfile === name) {
        // The next saved profile, if any, takes over as the default.
        const next = Object.keys(config.profiles)[0];
        if (next) config.defaultProfile = next;
        else delete config.defaultProfile;
      }
      save(config, path);
      const after = config.defaultProfile
        ? `; the default is now "${config.defaultProfile}"`
        : `; no profile is left, ${path} removed`;
      io.stderr.write(`Logged out of profile "${name}"${after}\n`);
    }
  }
  if (io.env.PACHCA_TOKEN)
    io.stderr.write('Note: PACHCA_TOKEN is still set in this environment and is used when present.\n');
}

export function addAuthCommands(program: Command, io: CliIo): void {
  const auth = program.command('auth').description('Save, check and remove access tokens: one named profile per token');
  auth.addHelpText(
    'after',
    exampleText(
      'pachca auth login --token "$PACHCA_TOKEN"\npachca auth login --profile bot --token "$BOT_TOKEN"\npachca auth list\npachca users list -p bot',
    ),
  );

  const globalsOf = (command: Command) => command.optsWithGlobals<GlobalOptions>();
  auth
    .command('login')
    .summary('Check a token and save it as a profile')
    .description(
      'Checks the token with GET /oauth/token/info and saves it as the profile named by --profile (default: the\n' +
        'profile in use, else "default") in $XDG_CONFIG_HOME/pachca/config.json, else ~/.config/pachca/config.json,\n' +
        'readable only by you (mode 0600). The first profile becomes the default. The token comes from --token or,\n' +
        'without it, from stdin. The profile is bound to the server in effect (--base-url, else PACHCA_BASE_URL, else\n' +
        'the production API): its token is never sent to another one.',
    )
    .addHelpText(
      'after',
      exampleText('pachca auth login --token "$PACHCA_TOKEN"\necho "$BOT_TOKEN" | pachca auth login --profile bot'),
    )
    .action((_options, command: Command) => login(globalsOf(command), io));
  auth
    .command('status')
    .summary('Show the profile and token in use (masked), its scopes and its user')
    .description(
      'Shows the profile in use, where the token comes from (--token, PACHCA_TOKEN or a profile, masked), its scopes\n' +
        'and its user, as saved at login. --remote reads them from the API again (and updates the profile).',
    )
    .option('--remote', 'read the token info from the API instead of the saved copy')
    .addHelpText(
      'after',
      exampleText('pachca auth status\npachca auth status --remote -o json\npachca auth status -p bot'),
    )
    .action((options: { remote?: boolean }, command: Command) =>
      status(globalsOf(command), options.remote === true, io),
    );
  auth
    .command('list')
    .summary('List the saved profiles; the default one is marked')
    .addHelpText('after', exampleText('pachca auth list'))
    .action((_options, command: Command) => list(globalsOf(command), io));
  auth
    .command('switch')
    .summary('Make a saved profile the default')
    .argument('<name>', 'profile name')
    .addHelpText('after', exampleText('pachca auth switch bot'))
    .action((name: string) => switchTo(name, io));
  auth
    .command('logout')
    .summary('Remove a saved profile, or all of them')
    .description(
      'Removes the profile named by the argument or --profile (default: the profile in use); --all removes the config file.',
    )
    .argument('[name]', 'profile to remove (default: --profile, PACHCA_PROFILE or the default profile)')
    .option('--all', 'remove every profile')
    .addHelpText('after', exampleText('pachca auth logout\npachca auth logout --profile bot\npachca auth logout --all'))
    .action((named: string | undefined, options: { all?: boolean }, command: Command) =>
      logout(globalsOf(command), options, named, io),
    );
}
