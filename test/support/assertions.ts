// The assertion helpers shared by the suites: how a call settled, and that no error text shows
// the access token.
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Resolves with whatever `promise` rejects with; fails if it resolves. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

/** Milliseconds `fn` took to settle (resolve or reject), with its outcome. */
export async function timed<T>(
  fn: () => PromiseLike<T>,
): Promise<{ ms: number; error: unknown; value: T | undefined }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - start, error: undefined, value };
  } catch (error) {
    return { ms: performance.now() - start, error, value: undefined };
  }
}

/** Fails if `token` shows up in the error's message, stack, String(), JSON, cause or util.inspect. */
export function expectTokenHidden(error: unknown, token: string): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const cause = e.cause instanceof Error ? e.cause : undefined;
  const texts = {
    message: e.message,
    stack: e.stack ?? '',
    string: String(e),
    json: JSON.stringify(e) ?? '',
    cause: String(e.cause),
    'cause stack': cause?.stack ?? '',
    inspect: inspect(e, { depth: Infinity }),
  };
  for (const [where, text] of Object.entries(texts)) {
    expect(text.includes(token), `token found in the error's ${where}: ${text}`).toBe(false);
  }
}
