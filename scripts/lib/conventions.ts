// The conventions an operation must follow that the spec's schema cannot express, checked when
// generating so that a new operation fails `npm run generate` with its name and the fix, rather
// than a test (or a caller) far away.
import { listAllName } from '../../src/core/resources.js';
import { successStatus } from './operation-table.js';
import type { Operation } from './spec.js';
import { UserFacingError } from './ports.js';

/** The success examples every cursor list needs: the contract suite replays both through `listAll*`. */
export const LIST_EXAMPLES = {
  lastPage: 'a page that ends the list (`has_next: false`)',
  nextPage: 'a page with a next page (`has_next: true` and a `next_page` cursor)',
} as const;

/** Why each operation breaks a convention, one line per problem; empty when all is well. */
export function conventionProblems(ops: Operation[]): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  const claim = (sdkName: string, op: Operation) => {
    const owner = owners.get(sdkName);
    if (owner)
      problems.push(`${op.operationId}: the SDK method ${sdkName} is also ${owner}'s: give one of them another name`);
    else owners.set(sdkName, op.operationId);
  };
  for (const op of ops) {
    const sdk = op['x-sdk-method'];
    claim(sdk, op);
    if (!op['x-paginated']) continue;
    const [resource, method] = sdk.split('.') as [string, string];
    if (listAllName(method) === method) {
      problems.push(
        `${op.operationId}: x-sdk-method ${sdk} is paginated, so its every-page twin is named from it ` +
          `(list → listAll, listUsers → listAllUsers); start the method with "list", ` +
          `e.g. ${resource}.list${method.charAt(0).toUpperCase()}${method.slice(1)}`,
      );
    } else claim(`${resource}.${listAllName(method)}`, op);
    const examples = op.responses[String(successStatus(op))]?.content?.['application/json']?.examples ?? {};
    for (const [name, what] of Object.entries(LIST_EXAMPLES)) {
      if (!(name in examples))
        problems.push(`${op.operationId}: its ${successStatus(op)} response needs an example named ${name}: ${what}`);
    }
    const next = (examples.nextPage?.value as { meta?: { paginate?: { next_page?: unknown } } } | undefined)?.meta;
    if (examples.nextPage && typeof next?.paginate?.next_page !== 'string')
      problems.push(`${op.operationId}: its nextPage example needs meta.paginate.next_page, the cursor to follow`);
  }
  return problems;
}

/** Throws one error listing every problem `conventionProblems` finds. */
export function checkConventions(ops: Operation[]): void {
  const problems = conventionProblems(ops);
  if (problems.length)
    throw new UserFacingError(`the spec breaks ${problems.length} convention(s):\n  ${problems.join('\n  ')}`);
}
