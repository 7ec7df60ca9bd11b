// Spaces request starts evenly so a client stays under the API's per-token limit instead of
// collecting 429s. One limiter per client: every call and every retry takes a slot.
import { sleep } from './sleep.js';

export interface RateLimit {
  /** Sustained request rate; the API allows about 50 per second per token. */
  requestsPerSecond: number;
}

export class RateLimiter {
  readonly #intervalMs: number;
  #nextSlot = 0;

  constructor({ requestsPerSecond }: RateLimit) {
    if (!(requestsPerSecond > 0)) throw new RangeError('rateLimit.requestsPerSecond must be a positive number');
    this.#intervalMs = 1000 / requestsPerSecond;
  }

  /** Waits for this caller's slot; an abort gives the wait up (the slot stays spent). */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + this.#intervalMs;
    if (slot > now) await sleep(slot - now, signal);
  }
}
