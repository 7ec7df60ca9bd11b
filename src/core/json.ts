/** A body as the SDK, the CLI and the mock read it: parsed JSON, else the text itself (an HTML page, ''). */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
