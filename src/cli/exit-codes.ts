// The CLI's exit codes: the one table that `pachca --help` prints and the README shows (a test
// compares the two). A script can tell apart what to fix: the call (1), the command line (2),
// the credentials (3), the network (4), or the token's scopes or its user's role (5).

export const EXIT = { ok: 0, api: 1, usage: 2, auth: 3, network: 4, permission: 5 } as const;

export type ExitName = keyof typeof EXIT;

/** What each code means, in the order of the codes. */
export const EXIT_MEANINGS: Record<ExitName, string> = {
  ok: 'success',
  api: 'API error: 400, 402, 404, 422, a 403 by a business rule (`owner_protected`), 429 or 5xx after retries',
  usage: 'usage error (a bad flag or value), or a destructive command not confirmed',
  auth: "no token, a token refused (401), an unknown profile, or a profile's token for another server",
  network: 'network error or timeout',
  permission: 'the token lacks a scope or its user the role (403 `insufficient_scope`, `access_denied`)',
};

const rows = () =>
  (Object.keys(EXIT) as ExitName[]).map((name) => ({ code: EXIT[name], meaning: EXIT_MEANINGS[name] }));

/** For `pachca --help`. */
export function exitCodesHelp(): string {
  return ['Exit codes:', ...rows().map(({ code, meaning }) => `  ${code}  ${meaning.replace(/`/g, '')}`)].join('\n');
}

/** The README's table, as Markdown. */
export function exitCodesMarkdown(): string {
  return [
    '| exit code | meaning |',
    '|---|---|',
    ...rows().map(({ code, meaning }) => `| ${code} | ${meaning} |`),
  ].join('\n');
}
