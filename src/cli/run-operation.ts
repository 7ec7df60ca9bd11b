// Runs one operation command: confirm if destructive, call the SDK by operationId, page through
// `--all` with progress, print the result. A dry run prints the request instead of sending it.
import type { Pachca } from '../core/client.js';
import { PATH_PARAM } from '../core/names.js';
import type { OperationInput } from '../core/operation.js';
import type { Page } from '../core/pagination.js';
import type { CliCommandSpec } from './command-spec.js';
import { confirmDestructive } from './confirm.js';
import { clientFor, requireToken, resolveSettings, type GlobalOptions } from './context.js';
import { isDryRunStop } from './dry-run.js';
import type { CliIo } from './io.js';
import { print } from './output.js';
import type { Result } from './records.js';
import { type View, viewFor } from './view.js';
import { progressOn, type Progress } from './progress.js';

export interface OperationCall {
  spec: CliCommandSpec;
  input: OperationInput;
  globals: GlobalOptions;
  all: boolean;
  force: boolean;
  dryRun: boolean;
  io: CliIo;
}

function resolvedPath(spec: CliCommandSpec, input: OperationInput): string {
  return spec.path.replace(PATH_PARAM, (_, name: string) => String(input.path?.[name]));
}

async function everyItem(first: Page<unknown>, progress: Progress): Promise<unknown[]> {
  const items = [...first.data];
  let page = first;
  try {
    while (page.hasNextPage()) {
      page = await page.nextPage();
      items.push(...page.data);
      progress.page(page.pageNumber, items.length);
    }
  } finally {
    progress.done();
  }
  return items;
}

/** What a command prints: the result on stdout, then a hint on stderr (after it, so it follows the table). */
interface Outcome {
  result: Result;
  hint?: string;
}

async function execute(client: Pachca, call: OperationCall, view: View): Promise<Outcome> {
  const { spec, input } = call;
  const value = await client.request(spec.operationId, input);
  if (spec.paginated) {
    const page = value as Page<unknown>;
    if (call.all) return { result: { kind: 'list', items: await everyItem(page, progressOn(call.io.stderr)) } };
    const result: Result = { kind: 'list', items: page.data, meta: page.meta };
    // Other formats carry the cursor in `meta`; a table has nowhere else to say there is more.
    if (view.format === 'table' && page.nextCursor) {
      return { result, hint: `More results: add --cursor=${page.nextCursor}, or --all for every page.` };
    }
    return { result };
  }
  return { result: resultOf(spec, input, value) };
}

function resultOf(spec: OperationCall['spec'], input: OperationCall['input'], value: unknown): Result {
  if (value === undefined) return { kind: 'done', message: `Done: ${spec.method} ${resolvedPath(spec, input)}` };
  if (value === null) return { kind: 'null', message: '(none)' };
  if (Array.isArray(value)) return { kind: 'list', items: value };
  return { kind: 'object', value: value as Record<string, unknown> };
}

export async function runOperation(call: OperationCall): Promise<void> {
  const { io } = call;
  const settings = resolveSettings(call.globals, io.env);
  const view = viewFor(call.globals, io);
  // No token is an auth error (exit 3) whatever else is wrong, as when the client checked it first.
  requireToken(settings);
  // Asked before the client is built: a refused command never loads the HTTP stack.
  if (call.spec.destructive && !call.dryRun) {
    await confirmDestructive(
      `send ${call.spec.method} ${resolvedPath(call.spec, call.input)} (${call.spec.summary})`,
      call.force,
      io,
      call.globals,
    );
  }
  const client = clientFor(settings, call.globals, io, call.dryRun);
  try {
    const { result, hint } = await execute(client, call, view);
    await print(result, view, io.stdout);
    if (hint) io.stderr.write(`${hint}\n`);
  } catch (error) {
    if (call.dryRun && isDryRunStop(error)) return;
    throw error;
  }
}
