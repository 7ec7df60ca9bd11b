// The pure delay rules behind retries: full jitter under an 8 s cap, Retry-After in both forms
// clamped to the same cap. Tested as functions so the suite never waits 8 s.
import { describe, expect, it } from 'vitest';
import { BASE_DELAY_MS, MAX_DELAY_MS, jitteredDelay, retryAfterMs, retryDelay } from '../../src/core/backoff.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe('jitteredDelay (exponential backoff, full jitter)', () => {
  it('spans [0, base · 2^attempt)', () => {
    expect(jitteredDelay(0, () => 0)).toBe(0);
    expect(jitteredDelay(0, () => 0.5)).toBe(BASE_DELAY_MS / 2);
    expect(jitteredDelay(1, () => 0.5)).toBe(BASE_DELAY_MS);
    expect(jitteredDelay(3, () => 0.999)).toBeCloseTo(0.999 * BASE_DELAY_MS * 8);
  });

  it('never exceeds the 8 s cap however many attempts', () => {
    expect(jitteredDelay(10, () => 0.999999)).toBeLessThan(MAX_DELAY_MS);
    expect(jitteredDelay(10, () => 0.999999)).toBeGreaterThan(MAX_DELAY_MS - 1);
    expect(jitteredDelay(60, () => 0.5)).toBe(4_000); // half of the 8 s cap
  });

  it('is random: the same attempt yields different waits', () => {
    const waits = new Set(Array.from({ length: 20 }, () => jitteredDelay(4)));
    expect(waits.size).toBeGreaterThan(1);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(0);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('2', NOW)).toBe(2_000);
    expect(retryAfterMs('1.5', NOW)).toBe(1_500);
  });

  it('reads an HTTP date relative to now', () => {
    expect(retryAfterMs(new Date(NOW + 3_000).toUTCString(), NOW)).toBe(3_000);
    expect(retryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });

  it('clamps both forms to the 8 s cap', () => {
    expect(retryAfterMs('120', NOW)).toBe(MAX_DELAY_MS);
    expect(retryAfterMs(new Date(NOW + 3_600_000).toUTCString(), NOW)).toBe(MAX_DELAY_MS);
    expect(retryAfterMs('-5', NOW)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
    expect(retryAfterMs('', NOW)).toBeUndefined();
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it("prefers the server's Retry-After over backoff", () => {
    expect(retryDelay(5, '1', NOW)).toBe(1_000);
    expect(retryDelay(0, new Date(NOW + 4_000).toUTCString(), NOW)).toBe(4_000);
  });

  it('falls back to jittered backoff within the attempt window', () => {
    for (let i = 0; i < 20; i++) {
      const wait = retryDelay(2, null, NOW);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(BASE_DELAY_MS * 4);
    }
  });
});
