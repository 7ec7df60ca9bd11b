// The shared way to reach the emulator started by test/setup/emulator.ts: its URL, a client with
// one of its tokens, its control endpoints, and names no other suite uses.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Pachca, type PachcaOptions } from '../../src/index.js';

/** The owner's token: every scope. */
export const OWNER_TOKEN = 'test-token';

export const emulatorUrl = (): string => inject('emulatorUrl');

export function emulatorClient(options: PachcaOptions = {}): Pachca {
  return new Pachca({ token: OWNER_TOKEN, baseUrl: emulatorUrl(), timeoutMs: 10_000, maxRetries: 0, ...options });
}

/**
 * A raw request to the emulator (API or control path) with the owner's token unless `headers` say
 * otherwise; the shared emulator's unless `baseUrl` names another.
 */
export function call(path: string, init: RequestInit = {}, baseUrl = emulatorUrl()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${OWNER_TOKEN}`);
  return fetch(`${baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(15_000) });
}

/** A string no other suite or run uses, for emails and tag names. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

export interface JournalEntry {
  method: string;
  path: string;
  status: number;
  requestId: string;
  violations: { location: string[]; message: string }[];
}

export async function journal(): Promise<JournalEntry[]> {
  const response = await call('/__emulator/requests');
  if (response.status !== 200) throw new Error(`GET /__emulator/requests answered ${response.status}`);
  return ((await response.json()) as { data: JournalEntry[] }).data;
}

/** Every journal entry the emulator found a spec violation in (its answer checked against the spec). */
export async function violations(): Promise<JournalEntry[]> {
  return (await journal()).filter((entry) => entry.violations.length > 0);
}
