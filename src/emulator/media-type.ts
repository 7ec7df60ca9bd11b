// The Content-Type of a request body, read strictly (RFC 9110 §8.3.1): `type/subtype` and
// `; name=value` parameters. Anything else (`json`, `application/json;;;`) is not a media type, and
// the engine refuses the body with a 400 rather than guessing.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const PARAMETER = new RegExp(`^\\s*(${TOKEN})=(${TOKEN}|${QUOTED})\\s*$`);
const ESSENCE = new RegExp(`^\\s*(${TOKEN})/(${TOKEN})\\s*$`);

export interface MediaType {
  /** `type/subtype`, lower case. */
  essence: string;
  /** Parameter names lower case, values unquoted. */
  parameters: Record<string, string>;
}

/** The media type of a Content-Type header, or undefined when it is missing or does not parse. */
export function parseMediaType(header: string | null): MediaType | undefined {
  if (header === null) return undefined;
  const [head = '', ...rest] = header.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const essence = ESSENCE.exec(head);
  if (!essence) return undefined;
  const parameters: Record<string, string> = {};
  for (const part of rest) {
    const parameter = PARAMETER.exec(part);
    if (!parameter) return undefined;
    const [, name = '', value = ''] = parameter;
    parameters[name.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return { essence: `${essence[1]}/${essence[2]}`.toLowerCase(), parameters };
}

/** application/json, or any `+json` type (application/merge-patch+json). */
export const isJsonType = (type: MediaType | undefined): boolean =>
  type !== undefined && /^application\/(?:[\w.+-]+\+)?json$/.test(type.essence);
