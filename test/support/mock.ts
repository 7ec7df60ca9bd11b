// The shared way to reach the Prism mock started by test/setup/prism.ts: its URL, and a client
// pointed at it with a test token, a short timeout and no retries (a mock never needs them).
import { inject } from 'vitest';
import { Pachca, type PachcaOptions } from '../../src/index.js';

/** Prism checks only that a Bearer token is present, so any value works. */
export const MOCK_TOKEN = 'mock-token-0123456789abcdef';

/** Base URL of the Prism mock (it serves at the root, without /api/shared/v1). */
export function mockUrl(): string {
  return inject('prismUrl');
}

/** A client for the Prism mock; `options` override the test defaults. */
export function mockClient(options: PachcaOptions = {}): Pachca {
  return new Pachca({ token: MOCK_TOKEN, baseUrl: mockUrl(), timeoutMs: 5_000, maxRetries: 0, ...options });
}
