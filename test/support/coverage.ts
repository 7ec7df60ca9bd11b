// What the contract and MSW coverage gates count, from the spec alone: each operation's declared
// responses (its success and every error status) and their named examples. A new operation adds
// to both counts with no edit, and each gate fails until its suite exercised the new entries.
import { errorStatuses, successStatus } from '../../scripts/lib/operation-table.js';
import type { Operation } from '../../scripts/lib/spec.js';

export interface Example {
  name: string | undefined;
  value: unknown;
}

/** Named examples of a response; one unnamed entry when it has none (204). */
export function examplesOf(op: Operation, status: number): Example[] {
  const examples = op.responses[String(status)]?.content?.['application/json']?.examples ?? {};
  const named = Object.entries(examples).map(([name, example]) => ({ name, value: example.value }));
  return named.length ? named : [{ name: undefined, value: undefined }];
}

const declaredStatuses = (op: Operation) => [successStatus(op), ...errorStatuses(op)];

/** `operationId status` for every declared response: the contract gate's count. */
export const declaredResponses = (ops: Operation[]): string[] =>
  ops.flatMap((op) => declaredStatuses(op).map((status) => `${op.operationId} ${status}`));

/** `operationId status example` for every example of every declared response: the MSW gate's count. */
export const exampleKey = (op: Operation, status: number, example: Example): string =>
  `${op.operationId} ${status} ${example.name ?? '-'}`;

export const declaredExamples = (ops: Operation[]): string[] =>
  ops.flatMap((op) =>
    declaredStatuses(op).flatMap((status) => examplesOf(op, status).map((e) => exampleKey(op, status, e))),
  );
