// `pachca auth login | status | logout`: the saved token, checked against the API before it is
// saved and shown only masked.
import type { Command } from 'commander';
import { PachcaApiError } from '../core/errors.js';
import { configPath, deleteConfig, readConfig, writeConfig } from './config.js';
import { createClient, resolveSettings, requireToken, type GlobalOptions } from './context.js';
import { maskToken } from './secrets.js';
import { UsageError } from './errors.js';
import { exampleText } from './help-text.js';
import type { CliIo, Input } from './io.js';
import { defaultFormat, print } from './output.js';

type Fields = Record<string, unknown>;

async function readAll(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function login(globals: GlobalOptions, io: CliIo): Promise<void> {
  let token = globals.token?.trim();
  if (!token) {
    if (io.stdin.isTTY) {
      throw new UsageError('Pass the token with --token, or pipe it in: echo "$PACHCA_TOKEN" | pachca auth login');
    }
    token = await readAll(io.stdin);
    if (!token) throw new UsageError('No token on stdin: pass it with --token or pipe it in');
  }
  const settings = resolveSettings({ ...globals, token }, io.env);
  // Only a token the API accepts is saved.
  const info = (await createClient(settings).request('getTokenInfo')) as Fields;
  const path = configPath(io.env);
  // Keep a base URL saved earlier unless --base-url replaces it.
  const baseUrl = globals.baseUrl ?? readConfig(path).baseUrl;
  writeConfig({ token, ...(baseUrl ? { baseUrl } : {}) }, path);
  const name = info.name ? ` "${String(info.name)}"` : '';
  io.stderr.write(`Logged in with token${name} of user ${String(info.user_id)}; saved to ${path}\n`);
}

async function status(globals: GlobalOptions, io: CliIo): Promise<void> {
  const settings = resolveSettings(globals, io.env);
  const token = requireToken(settings);
  const client = createClient(settings);
  const [info, profile] = await Promise.allSettled([client.request('getTokenInfo'), client.request('getProfile')]);
  if (info.status === 'rejected') throw info.reason;
  const tokenInfo = info.value as Fields;
  let user: unknown;
  if (profile.status === 'fulfilled') {
    const p = profile.value as Fields;
    user = { id: p.id, first_name: p.first_name, last_name: p.last_name, nickname: p.nickname, email: p.email, role: p.role };
  } else if (profile.reason instanceof PachcaApiError && profile.reason.status !== 401) {
    // A token without the profile scope still works for other commands: say so, don't fail.
    user = { id: tokenInfo.user_id, profile: `unavailable (${profile.reason.status})` };
  } else {
    throw profile.reason;
  }
  const source = settings.tokenSource === 'config file' ? `config file ${configPath(io.env)}` : settings.tokenSource;
  await print(
    {
      kind: 'object',
      value: {
        token: maskToken(token),
        token_source: source,
        base_url: settings.baseUrl,
        token_name: tokenInfo.name ?? null,
        scopes: tokenInfo.scopes,
        created_at: tokenInfo.created_at,
        last_used_at: tokenInfo.last_used_at ?? null,
        user,
      },
    },
    defaultFormat(globals.output, io.stdout),
    io.stdout,
  );
}

function logout(io: CliIo): void {
  const path = configPath(io.env);
  const removed = deleteConfig(path);
  io.stderr.write(removed ? `Logged out: removed ${path}\n` : `Not logged in: there is no ${path}\n`);
  if (io.env.PACHCA_TOKEN) io.stderr.write('Note: PACHCA_TOKEN is still set in this environment and is used when present.\n');
}

export function addAuthCommands(program: Command, io: CliIo): void {
  const auth = program.command('auth').description('Save, check and remove the access token used by every command');
  auth.addHelpText('after', exampleText('pachca auth login --token "$PACHCA_TOKEN"\npachca auth status'));

  const globalsOf = (command: Command) => command.optsWithGlobals<GlobalOptions>();
  auth
    .command('login')
    .summary('Check a token and save it for later commands')
    .description(
      'Checks the token with GET /oauth/token/info and saves it (and --base-url, if given) to the config file:\n' +
        '$XDG_CONFIG_HOME/pachca/config.json, else ~/.config/pachca/config.json, readable only by you (mode 0600).\n' +
        'The token comes from --token or, without it, from stdin.',
    )
    .addHelpText('after', exampleText('pachca auth login --token "$PACHCA_TOKEN"\necho "$PACHCA_TOKEN" | pachca auth login'))
    .action((_options, command: Command) => login(globalsOf(command), io));
  auth
    .command('status')
    .summary('Show the token in use (masked), its scopes and its user')
    .description('Shows which token is used (--token, PACHCA_TOKEN or the config file, masked), its scopes and the user it belongs to.')
    .addHelpText('after', exampleText('pachca auth status\npachca auth status --token "$PACHCA_TOKEN" -o json'))
    .action((_options, command: Command) => status(globalsOf(command), io));
  auth
    .command('logout')
    .summary('Remove the saved token')
    .description('Deletes the config file written by `pachca auth login`.')
    .addHelpText('after', exampleText('pachca auth logout'))
    .action(() => logout(io));
}
