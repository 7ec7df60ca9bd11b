// Spaces request starts evenly so a client stays under the API's per-token limit instead of
// collecting 429s. One limiter per client: every call and every retry takes a slot.
import { PachcaConfigError } from './errors.js';
import { sleep } from './sleep.js';

export interface RateLimit {
  /** Sustained request rate; the API allows about 50 per second per token. */
  requestsPerSecond: number;
}

/** Waits for the caller's slot; an abort gives the wait up (the slot stays spent). */
export type RateLimiter = (signal?: AbortSignal) => Promise<void>;

export function createRateLimiter({ requestsPerSecond }: RateLimit): RateLimiter {
  if (!(requestsPerSecond > 0))
    throw new PachcaConfigError(`rateLimit.requestsPerSecond must be above 0, got ${requestsPerSecond}`);
  const intervalMs = 1000 / requestsPerSecond;
  let nextSlot = 0;
  return async (signal) => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalMs;
    if (slot > now) await sleep(slot - now, signal);
  };
}
