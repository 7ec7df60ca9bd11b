// Faults a test asks for: the next N requests that match an operationId (or a method and path)
// answer 429 with Retry-After, or a 5xx, or are delayed.
import { everyOperationStatuses } from '../../generated/msw.js';
import { apiError } from './responses.js';
import { matchRoute, ROUTES } from './router.js';
import type { Fault, FaultMatch, PendingFault } from './types.js';

/** A status fault answers one the API documents for every operation (the spec's description). */
const STATUSES: readonly number[] = everyOperationStatuses;

/** What is wrong with a fault, with the field of the fault it is about (`key` in the API's error shape). */
export class FaultError extends RangeError {
  constructor(
    readonly key: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Throws a FaultError unless the match names a request the API has: a fault that no request can
 * match would wait forever, so a misspelt operationId or path is refused when it is set.
 */
function checkMatch(match: FaultMatch): void {
  if ('operationId' in match && match.operationId !== undefined) {
    const { operationId } = match;
    if (typeof operationId !== 'string' || !ROUTES.some((route) => route.operationId === operationId)) {
      const known = ROUTES.map((route) => route.operationId).join(', ');
      throw new FaultError(
        'operationId',
        operationId,
        `${operationId} is not an operationId of the API; they are ${known}`,
      );
    }
    return;
  }
  const { method, path } = match as Partial<Record<'method' | 'path', unknown>>;
  if (method === undefined && path === undefined) {
    throw new FaultError('match', null, 'a fault matches an operationId, or a method and a path');
  }
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw new FaultError('method', method ?? null, 'must be an HTTP method, such as GET');
  }
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path)) {
    throw new FaultError('path', path ?? null, 'must be a path after the base URL with no query, such as /users/12');
  }
  const found = matchRoute(method.toUpperCase(), path);
  if (!found) throw new FaultError('path', path, `no operation of the API has the path ${path}`);
  if ('allowed' in found) throw new FaultError('method', method, `${path} takes ${found.allowed.join(', ')}`);
}

/** Throws a FaultError naming what is wrong with a fault. */
export function checkFault(match: FaultMatch, fault: Fault): void {
  checkMatch(match);
  if ('status' in fault) {
    if (!STATUSES.includes(fault.status))
      throw new FaultError('status', fault.status, `status must be one of ${STATUSES.join(', ')}`);
    if (fault.retryAfter !== undefined && !(Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)) {
      throw new FaultError('retryAfter', fault.retryAfter, 'retryAfter must be a whole number of seconds');
    }
  } else if (
    !('delayMs' in fault) ||
    !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0 && fault.delayMs <= 60_000)
  ) {
    throw new FaultError(
      'delayMs',
      (fault as { delayMs?: unknown }).delayMs ?? null,
      `a fault has a status (${STATUSES.join(', ')}) or a delayMs from 0 to 60000`,
    );
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
    throw new FaultError('times', fault.times, 'times must be a whole number ≥ 1');
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
