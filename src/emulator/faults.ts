// Faults a test asks for: the next N requests that match an operationId (or a method and path)
// answer 429 with Retry-After, or a 5xx, or are delayed.
import { everyOperationStatuses } from '../../generated/msw.js';
import { apiError } from './responses.js';
import type { Fault, FaultMatch, PendingFault } from './types.js';

/** A status fault answers one the API documents for every operation (the spec's description). */
const STATUSES: readonly number[] = everyOperationStatuses;

/** Throws a RangeError naming what is wrong with a fault. */
export function checkFault(match: FaultMatch, fault: Fault): void {
  const byOperation = 'operationId' in match && typeof match.operationId === 'string';
  const byPath = 'method' in match && typeof match.method === 'string' && typeof match.path === 'string';
  if (!byOperation && !byPath) throw new RangeError('a fault matches an operationId, or a method and a path');
  if ('status' in fault) {
    if (!STATUSES.includes(fault.status)) throw new RangeError(`status must be one of ${STATUSES.join(', ')}`);
    if (fault.retryAfter !== undefined && !(Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)) {
      throw new RangeError('retryAfter must be a whole number of seconds');
    }
  } else if (
    !('delayMs' in fault) ||
    !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0 && fault.delayMs <= 60_000)
  ) {
    throw new RangeError(`a fault has a status (${STATUSES.join(', ')}) or a delayMs from 0 to 60000`);
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
    throw new RangeError('times must be a whole number ≥ 1');
  }
}

export class Faults {
  private pending: PendingFault[] = [];

  next(match: FaultMatch, fault: Fault): void {
    checkFault(match, fault);
    this.pending.push({ match: { ...match }, fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  list(): PendingFault[] {
    return this.pending.map((pending) => structuredClone(pending));
  }

  /** Takes one use of the first fault that matches the request, if any. */
  take(operationId: string | undefined, method: string, path: string): Fault | undefined {
    const found = this.pending.find(({ match }) =>
      'operationId' in match
        ? match.operationId === operationId
        : match.method.toUpperCase() === method && match.path === path,
    );
    if (!found) return undefined;
    if (--found.remaining === 0) this.pending = this.pending.filter((pending) => pending !== found);
    return found.fault;
  }
}

/** The answer of a status fault. */
export function faultResponse(fault: Extract<Fault, { status: number }>): Response {
  const headers: Record<string, string> = fault.status === 429 ? { 'retry-after': String(fault.retryAfter ?? 1) } : {};
  const response = apiError(
    fault.status,
    'base',
    null,
    `Fault injected by the emulator (${fault.status})`,
    'emulated_fault',
  );
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
