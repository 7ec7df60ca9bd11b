// How long to wait before a retry. Written here rather than taken from a backoff library because
// none of them honours a server's Retry-After together with full jitter and an AbortSignal.

export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function jitteredDelay(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`, clamped to [0, cap]; undefined if absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_DELAY_MS, Math.max(0, ms));
}

/** The wait before retry number `attempt` (0-based): the server's Retry-After when given, else jittered backoff. */
export function retryDelay(attempt: number, retryAfter: string | null, now?: number): number {
  return retryAfterMs(retryAfter, now) ?? jitteredDelay(attempt);
}
