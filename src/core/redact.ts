// The one rule for keeping the access token out of text: every occurrence becomes `***`. Errors
// (errors.ts), log lines (logging.ts) and the CLI's output (src/cli/secrets.ts) all apply it.

/** `text` with every occurrence of `token` replaced by `***`. */
export function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('***') : text;
}
