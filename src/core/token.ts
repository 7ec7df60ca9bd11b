// The access token is checked before any request: a token that cannot be an HTTP header value
// would otherwise fail inside fetch with an error that quotes it.

/** Why `token` cannot be sent as `Authorization: Bearer <token>`, without quoting it; undefined if it can. */
export function tokenProblem(token: string | undefined): string | undefined {
  if (token === undefined) return 'No access token: pass { token } to new Pachca() or set PACHCA_TOKEN';
  if (!token.trim()) return `The token is ${token ? 'only whitespace' : 'empty'}`;
  // A bearer token is visible ASCII (RFC 6750, b64token); bytes above 0x7F are allowed by HTTP.
  const at = token.search(/[^\x21-\x7e\x80-\xff]/);
  if (at < 0) return undefined;
  const code = token.charCodeAt(at);
  const kind = code === 32 ? 'a space' : code > 255 ? 'a character HTTP headers cannot carry' : 'a control character';
  return `The token contains ${kind} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${at + 1}`;
}
