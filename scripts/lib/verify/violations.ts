// Reads what Prism's validating proxy found wrong with one exchange. Without `--errors`, Prism
// 5.14.2 forwards the real response and lists every request and response problem in the
// `sl-violations` header: a JSON array of `{location, severity, code?, message}`, where location
// is a path such as ["response", "body", "data", "role"] (prism-http-server/dist/server.js).
// With `--errors` it would replace the API's answer with a 500 problem+json, which the SDK
// cannot walk on from, so the header is the one to read.

export interface PrismViolation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export interface Violation {
  /** Where: `response body data.role`, `response header x-request-id`, `response status code`. */
  location: string;
  /** Prism's severity: an undeclared 2xx is an Error, any other undeclared status a Warning. */
  severity: string;
  message: string;
}

export const VIOLATIONS_HEADER = 'sl-violations';

/** Prism cuts a header over ~8 KB and puts this in front of the cut JSON. */
const TRUNCATED_PREFIX = 'Too many violations! ';

/** A status the spec does not declare is reported with this message, and location ["response"]. */
const UNDECLARED_STATUS = /^Unable to match the returned status code/;

export function parseViolationsHeader(value: string | null): { violations: Violation[]; truncated: boolean } {
  if (!value) return { violations: [], truncated: false };
  const truncated = value.startsWith(TRUNCATED_PREFIX);
  const json = truncated ? closeTruncatedArray(value.slice(TRUNCATED_PREFIX.length)) : value;
  let parsed: PrismViolation[];
  try {
    parsed = JSON.parse(json) as PrismViolation[];
  } catch {
    return {
      violations: [
        {
          location: 'response',
          severity: 'Error',
          message: `unreadable ${VIOLATIONS_HEADER} header: ${value.slice(0, 200)}`,
        },
      ],
      truncated,
    };
  }
  return { violations: parsed.map(describe), truncated };
}

/** The whole objects of a cut `[{…},{…},{…` array, as a valid array. */
function closeTruncatedArray(cut: string): string {
  const lastWhole = cut.lastIndexOf('},{');
  return lastWhole < 0 ? '[]' : `${cut.slice(0, lastWhole + 1)}]`;
}

function describe({ location, severity, message }: PrismViolation): Violation {
  const [side = 'response', part, ...path] = location;
  if (!part && UNDECLARED_STATUS.test(message)) return { location: `${side} status code`, severity, message };
  return { location: [side, part, path.join('.')].filter(Boolean).join(' '), severity, message };
}
