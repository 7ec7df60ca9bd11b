// What is wrong with an access token the client refused to send: it would otherwise fail inside
// fetch with an error that quotes it.

/** Why `token` cannot be sent as `Authorization: Bearer <token>`, without quoting it; undefined if it can. */
export function tokenProblem(token: string | undefined): string | undefined {
  if (token === undefined) return 'No access token: pass { token } to new Pachca() or set PACHCA_TOKEN';
  // A bearer token is visible ASCII (RFC 6750, b64token); bytes above 0x7F are allowed by HTTP.
  const at = token.search(/[^!-~\x80-\xff]/);
  const code = token.charCodeAt(at);
  return !token.trim()
    ? `The token is ${token ? 'only whitespace' : 'empty'}`
    : at < 0
      ? undefined
      : `The token contains ${code > 255 ? 'a non-Latin-1 character' : code === 32 ? 'a space' : 'a control character'} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${at + 1}`;
}
