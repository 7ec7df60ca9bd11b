/** A body as the SDK, the CLI and the mock read it: parsed JSON, else the text itself (an HTML page, ''). */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A JSON object: not null, not an array (the one check every reader of parsed JSON needs). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
