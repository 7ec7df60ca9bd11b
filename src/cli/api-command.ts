// `pachca api METHOD PATH`: any request, with the same token, retries, timeouts, --dry-run,
// --verbose and exit codes as the typed commands; `pachca api ls` and `--describe` read the spec.
import { type Command, Option } from 'commander';
import { apiErrorFor } from '../core/errors.js';
import { isPlainObject, jsonOrText } from '../core/json.js';
import { describeData, describeText, apiListing, requireOperation } from './api-reference.js';
import { prepareApiRequest, type ApiFlags, type FieldFlag } from './api-request.js';
import { confirmDestructive, isDestructive } from './confirm.js';
import { clientFor, requireToken, resolveSettings, type GlobalOptions } from './context.js';
import { isDryRunStop } from './dry-run.js';
import { UsageError } from './errors.js';
import { exampleText } from './help-text.js';
import type { CliIo } from './io.js';
import { print } from './output.js';
import type { Result } from './records.js';
import { type View, viewFor } from './view.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
/** -f and -F share one list (attribute `fields`), so fields keep their command-line order. */
const collectField = (typed: boolean) => (text: string, previous: FieldFlag[] | undefined) => [
  ...(previous ?? []),
  { typed, text },
];
function fieldOption(flags: string, typed: boolean, description: string): Option {
  const option = new Option(flags, description).argParser(collectField(typed));
  option.attributeName = () => 'fields';
  return option;
}

interface ApiOptions extends ApiFlags {
  describe?: boolean;
  dryRun?: boolean;
  force?: boolean;
}

/** The body as the typed commands print it: `data` unwrapped, lists with their `meta`. */
function resultOf(body: unknown): Result {
  if (body === null) return { kind: 'null', message: '(null)' };
  if (Array.isArray(body)) return { kind: 'list', items: body };
  if (!isPlainObject(body)) return { kind: 'object', value: { value: body } };
  const { data, meta } = body;
  if (Array.isArray(data)) return { kind: 'list', items: data, ...(meta === undefined ? {} : { meta }) };
  if (isPlainObject(data)) return { kind: 'object', value: data };
  return { kind: 'object', value: body };
}

async function printBody(text: string | undefined, view: View, io: CliIo): Promise<void> {
  if (text === undefined || text === '') return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  // JSON is the body exactly as it came; other formats show its `data` like the typed commands.
  if (view.format === 'json' && !view.columns) io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  else await print(resultOf(body), view, io.stdout);
}

async function describe(method: string, path: string, globals: GlobalOptions, io: CliIo): Promise<void> {
  const spec = requireOperation(method, path);
  const view = viewFor({ ...globals, output: globals.output ?? 'table' }, io);
  if (view.format === 'table') io.stdout.write(`${await describeText(spec, view)}\n`);
  else
    await print(
      { kind: 'object', value: describeData(spec) },
      { ...view, format: view.format === 'yaml' ? 'yaml' : 'json' },
      io.stdout,
    );
}

async function send(
  method: string,
  path: string,
  options: ApiOptions,
  globals: GlobalOptions,
  io: CliIo,
): Promise<void> {
  const settings = resolveSettings(globals, io.env);
  requireToken(settings);
  const [bare, inlineQuery] = path.split('?', 2) as [string, string | undefined];
  const request = await prepareApiRequest(method, options, io.stdin);
  const query = new URLSearchParams([...new URLSearchParams(inlineQuery ?? ''), ...request.query]);
  if (isDestructive(method) && !options.dryRun)
    await confirmDestructive(`send DELETE ${bare}`, options.force === true, io, globals);
  const client = clientFor(settings, globals, io, options.dryRun === true);
  const untyped = client.raw.request as unknown as (
    method: string,
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: string; error?: string; response: Response }>;
  let answer: Awaited<ReturnType<typeof untyped>>;
  try {
    answer = await untyped(method, bare, {
      params: { query: Object.fromEntries(query) },
      // Pairs as given, repeats and `names[]` included.
      querySerializer: () => query.toString(),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.body instanceof FormData ? { bodySerializer: (body: FormData) => body } : {}),
      parseAs: 'text',
    });
  } catch (error) {
    if (options.dryRun && isDryRunStop(error)) return;
    throw error;
  }
  const { response } = answer;
  const text = answer.error ?? answer.data;
  if (!response.ok) {
    // Not JSON: the error keeps the text.
    const body = text === undefined ? undefined : jsonOrText(text);
    // The query string is left out, as in the SDK's errors: it may hold search text.
    throw apiErrorFor({
      status: response.status,
      method,
      url: `${client.baseUrl}${bare}`,
      headers: response.headers,
      body,
    });
  }
  await printBody(response.status === 204 ? undefined : text, viewFor(globals, io), io);
}

export function addApiCommand(program: Command, io: CliIo): void {
  const api = program
    .command('api')
    .summary('Send any request to the API, or list and describe its operations offline')
    .description(
      'Sends METHOD PATH (below the base URL) with the saved token, retries and timeouts of every command, and prints the response body.\n' +
        'Fields: -f key=value is always a string; -F key=value is typed (integers, true/false, null, JSON arrays and objects).\n' +
        'Nested keys: -F "user[first_name]=Ivan" sends {"user":{"first_name":"Ivan"}}; "names[]=A" appends to a list.\n' +
        'For GET the fields are query parameters. A 204 prints nothing.',
    )
    .argument('[method]', `HTTP method: ${METHODS.join(', ')}`)
    .argument('[path]', 'path below the base URL, e.g. /users or /users/12 (a ?query is kept)')
    .option('--query <key=value>', 'query parameter, repeatable ("names[]=Backend" for a list)', collect)
    .addOption(fieldOption('-f, --raw-field <key=value>', false, 'body field sent as a string, repeatable'))
    .addOption(fieldOption('-F, --field <key=value>', true, 'body field with a JSON type, repeatable'))
    .option('--input <file>', 'request body: a JSON file, or - for stdin')
    .option('--data <json>', 'request body as JSON text')
    .option('--file <field=path>', 'send multipart/form-data with this file part, repeatable', collect)
    .option(
      '--describe',
      'print the operation from the spec (scope, parameters, body fields, responses) instead of sending; offline',
    )
    .option('--force', 'send a DELETE without asking (required when not on a terminal)')
    .option('--dry-run', 'print the HTTP request (token masked) instead of sending it')
    .addHelpText(
      'after',
      exampleText(
        [
          'pachca api ls',
          'pachca api POST /users --describe',
          'pachca api GET /users --query limit=2',
          'pachca api GET /group_tags --query "names[]=Backend" --query "names[]=QA"',
          'pachca api POST /users -F "user[first_name]=Ivan" -F "user[email]=ivan@example.com" -F "user[list_tags][]=Backend"',
          `echo '{"group_tag":{"name":"QA"}}' | pachca api POST /group_tags --input -`,
          'pachca api DELETE /group_tags/9111 --force',
        ].join('\n'),
      ),
    )
    .action(async (method: string | undefined, path: string | undefined, options: ApiOptions, command: Command) => {
      if (!method || !path)
        throw new UsageError('Usage: pachca api METHOD PATH [flags]; `pachca api ls` lists the operations');
      const verb = method.toUpperCase();
      if (!METHODS.includes(verb)) throw new UsageError(`Unknown HTTP method "${method}": use ${METHODS.join(', ')}`);
      if (!path.startsWith('/'))
        throw new UsageError(`The path must start with "/" (it is below the base URL), got "${path}"`);
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.describe) await describe(verb, path, globals, io);
      else await send(verb, path, options, globals, io);
    });

  api
    .command('ls')
    .description('List every operation in the spec: method, path, summary and the token scope it needs (offline)')
    .option('--json', 'print JSON (the same as -o json)')
    .addHelpText('after', exampleText('pachca api ls\npachca api ls --json'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const view = viewFor({ ...globals, ...(options.json ? { output: 'json' as const } : {}) }, io);
      await print({ kind: 'list', items: apiListing() }, view, io.stdout);
    });
}
