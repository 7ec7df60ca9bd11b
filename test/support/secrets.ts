// The SDK promises that no error text ever contains the access token.
import { expect } from 'vitest';

/** Fails if `token` shows up in the error's message, stack, String() or JSON.stringify(). */
export function expectTokenHidden(error: unknown, token: string): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const texts = { message: e.message, stack: e.stack ?? '', string: String(e), json: JSON.stringify(e) ?? '' };
  for (const [where, text] of Object.entries(texts)) {
    expect(text.includes(token), `token found in the error's ${where}: ${text}`).toBe(false);
  }
}
