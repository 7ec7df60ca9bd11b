// The read-only part of the live check, derived from the generated tables: every GET of the
// operation table, with the query the CLI table describes. Nothing here names an operation, so a
// GET added to the spec is checked by `npm run verify:live` with no edit; one whose arguments
// cannot be derived fails `readPlan` with its name and what it lacks.
import type { CliCommandSpec } from '../../../src/cli/command-spec.js';
import { pathParams } from '../../../src/core/names.js';
import type { OperationRow } from '../../../src/core/operation.js';

/** Small pages: two of them are likely to exist, and Prism's header (~8 KB) holds their violations. */
export const PAGE_SIZE = 3;

/** The query parameter the API searches by (`GET /users?query=`); see `ReadCheck.search`. */
const SEARCH_PARAMETER = 'query';

export interface ReadCall {
  /** Set when the operation is called more than once: `entity_type=Task`. */
  label?: string;
  /** SDK query names → values. */
  query: Record<string, unknown>;
}

export interface ReadCheck {
  operationId: string;
  paginated: boolean;
  /** Each path parameter, filled with the `id` of the first item the GET at `list` returned. */
  pathFrom: { name: string; list: string }[];
  /** One call per value of each required enum parameter (one call when there is none). */
  calls: ReadCall[];
  /** The SDK name of an optional search parameter: one more call searches for a name seen earlier. */
  search?: string;
}

export class UnderivableReadError extends Error {}

/** Every combination of the values of each parameter, as query objects with labels. */
function combinations(enums: { name: string; values: string[] }[]): ReadCall[] {
  let calls: ReadCall[] = [{ query: {} }];
  for (const { name, values } of enums) {
    calls = calls.flatMap((call) =>
      values.map((value) => ({
        label: [call.label, `${name}=${value}`].filter(Boolean).join(', '),
        query: { ...call.query, [name]: value },
      })),
    );
  }
  return calls;
}

function readCheck(
  operationId: string,
  op: OperationRow,
  command: CliCommandSpec | undefined,
  gets: Map<string, string>,
): ReadCheck | string[] {
  const problems: string[] = [];
  const path = op.route.slice('GET '.length);
  const pathFrom = pathParams(path).map((name) => {
    const prefix = path.slice(0, path.indexOf(`/{${name}}`));
    const list = gets.get(prefix);
    if (!list)
      problems.push(
        `${operationId}: {${name}} is filled with the id of the first item GET ${prefix} lists, and the spec has no GET ${prefix}`,
      );
    return { name, list: list ?? '' };
  });
  if (!command) problems.push(`${operationId}: the CLI table has no command for it`);
  const enums: { name: string; values: string[] }[] = [];
  const fixed: Record<string, unknown> = {};
  let search: string | undefined;
  for (const option of command?.options.filter((o) => o.in === 'query') ?? []) {
    const name = option.target[0] ?? option.flag;
    if (name === 'cursor') continue;
    if (name === 'limit') fixed[name] = PAGE_SIZE;
    else if (option.required && option.enum) enums.push({ name, values: option.enum });
    else if (option.required)
      problems.push(
        `${operationId}: the live check cannot fill its required query parameter ${name}: give it an enum in the spec`,
      );
    else if (name === SEARCH_PARAMETER) search = name;
  }
  if (problems.length) return problems;
  const calls = combinations(enums).map((call) => ({ ...call, query: { ...fixed, ...call.query } }));
  return { operationId, paginated: op.paginated === true, pathFrom, calls, ...(search && { search }) };
}

/**
 * The GETs of `operations`, in table order except that an operation comes after the lists that
 * fill its path parameters. Throws UnderivableReadError naming every GET it cannot call.
 */
export function readPlan(
  operations: Readonly<Record<string, OperationRow>>,
  commands: readonly CliCommandSpec[],
): ReadCheck[] {
  const entries = Object.entries(operations).filter(([, op]) => op.route.startsWith('GET '));
  const gets = new Map(entries.map(([id, op]) => [op.route.slice('GET '.length), id]));
  const problems: string[] = [];
  const plan: ReadCheck[] = [];
  for (const [id, op] of entries) {
    const check = readCheck(
      id,
      op,
      commands.find((c) => c.operationId === id),
      gets,
    );
    if (Array.isArray(check)) problems.push(...check);
    else plan.push(check);
  }
  if (problems.length)
    throw new UnderivableReadError(`verify: cannot derive the live check:\n  ${problems.join('\n  ')}`);
  // Fewer path parameters first: a list's own parameters are a prefix of its items'.
  return plan.sort((a, b) => a.pathFrom.length - b.pathFrom.length);
}
