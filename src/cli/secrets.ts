// Tokens on screen: masked where one must be shown, removed from everything else.

/** `abcd…wxyz` for a long token; short ones are hidden entirely. */
export function maskToken(token: string): string {
  return token.length >= 20 ? `${token.slice(0, 4)}…${token.slice(-4)}` : '****';
}

export { redact } from '../core/redact.js';
