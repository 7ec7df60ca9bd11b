// Runs one operation command: confirm if destructive, call the SDK by operationId, page through
// `--all` with progress, print the result. A dry run prints the request instead of sending it.
import type { Pachca } from '../core/client.js';
import type { OperationInput } from '../core/operation.js';
import type { Page } from '../core/pagination.js';
import type { CliCommandSpec } from './command-spec.js';
import { confirmDestructive } from './confirm.js';
import { createClient, resolveSettings, type GlobalOptions } from './context.js';
import { isDryRunStop } from './dry-run.js';
import { defaultFormat, print, type Format, type Result } from './output.js';
import { progressOnStderr } from './progress.js';

export interface OperationCall {
  spec: CliCommandSpec;
  input: OperationInput;
  globals: GlobalOptions;
  all: boolean;
  force: boolean;
  dryRun: boolean;
}

function resolvedPath(spec: CliCommandSpec, input: OperationInput): string {
  return spec.path.replace(/\{(\w+)\}/g, (_, name: string) => String(input.path?.[name]));
}

async function everyItem(first: Page<unknown>): Promise<unknown[]> {
  const progress = progressOnStderr();
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

async function execute(client: Pachca, call: OperationCall, format: Format): Promise<Result> {
  const { spec, input } = call;
  const value = await client.request(spec.operationId, input);
  if (spec.paginated) {
    const page = value as Page<unknown>;
    if (call.all) return { kind: 'list', items: await everyItem(page) };
    if (format === 'table' && page.nextCursor) {
      process.stderr.write(`More results: add --cursor=${page.nextCursor}, or --all for every page.\n`);
    }
    return { kind: 'list', items: page.data, meta: page.meta };
  }
  if (value === undefined) return { kind: 'done', message: `Done: ${spec.method} ${resolvedPath(spec, input)}` };
  if (value === null) return { kind: 'null', message: '(none)' };
  if (Array.isArray(value)) return { kind: 'list', items: value };
  return { kind: 'object', value: value as Record<string, unknown> };
}

export async function runOperation(call: OperationCall): Promise<void> {
  const settings = resolveSettings(call.globals);
  const format = defaultFormat(call.globals.output);
  const client = createClient(settings, call.dryRun ? { dryRun: { format: call.globals.output } } : {});
  if (call.spec.destructive && !call.dryRun) {
    await confirmDestructive(`send ${call.spec.method} ${resolvedPath(call.spec, call.input)} (${call.spec.summary})`, call.force);
  }
  try {
    await print(await execute(client, call, format), format);
  } catch (error) {
    if (call.dryRun && isDryRunStop(error)) return;
    throw error;
  }
}
