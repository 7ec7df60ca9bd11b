// Past N requests per second per token, answer 429 with Retry-After, as the API does at about 50.
import { apiError } from './responses.js';

const WINDOW_MS = 1000;

export class RateLimit {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly perSecond: number) {}

  /** The 429 for this request, or undefined when it is within the limit (and then counts it). */
  refuse(key: string, now: number): Response | undefined {
    const recent = (this.starts.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
    if (recent.length >= this.perSecond) {
      this.starts.set(key, recent);
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? now) + WINDOW_MS - now) / 1000));
      const response = apiError(
        429,
        'base',
        null,
        `Too many requests: at most ${this.perSecond} per second`,
        'too_many_requests',
      );
      response.headers.set('retry-after', String(retryAfter));
      return response;
    }
    recent.push(now);
    this.starts.set(key, recent);
    return undefined;
  }
}
