// Prism answers some requests itself, before the emulator sees them: a body or query the spec
// forbids (422), no token (401), a body that is not JSON (400). It answers in problem+json, while
// the spec declares the API's own shapes for those statuses (`{errors: [{key, value, message,
// code, payload}]}`, `{error, error_description}`). The front rewrites them into those shapes, so
// a client written against the spec reads them as it reads the API's.

interface PrismValidation {
  location?: string[];
  code?: string | number;
  message: string;
}

const CODES: Record<string, string> = {
  required: 'required',
  enum: 'inclusion',
  maxLength: 'too_long',
  maxItems: 'too_long',
};

const asValue = (value: unknown): string | null =>
  value === null || value === undefined || typeof value === 'object' ? null : String(value);

/** What the request sent at a validation's location (`['body', 'user', 'role']`, `['query', 'limit']`). */
function sentValue(location: string[], url: URL, body: unknown): string | null {
  const [where, ...path] = location;
  if (where === 'query') return url.searchParams.get(path[0] ?? '') ?? url.searchParams.get(`${path[0]}[]`);
  if (where !== 'body') return null;
  let value = body;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return asValue(value);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The API-shaped body for one of Prism's own answers, or undefined for any other answer (the
 * emulator's, or Prism's for a path outside the spec, which has no declared shape).
 */
export function apiShapeOf(status: number, answer: string, request: { url: URL; body: Buffer }): unknown {
  const problem = parse(answer) as
    | { type?: string; validation?: PrismValidation[]; error?: { code?: string } }
    | undefined;
  if (!problem) return undefined;
  if (status === 422 && problem.type?.endsWith('#UNPROCESSABLE_ENTITY') && Array.isArray(problem.validation)) {
    const body = parse(request.body.toString('utf8'));
    return {
      errors: problem.validation.map((v) => ({
        key: v.location?.slice(1).join('.') || (v.location?.[0] ?? 'body'),
        value: v.location ? sentValue(v.location, request.url, body) : null,
        message: v.message,
        code: CODES[String(v.code)] ?? 'invalid',
        payload: null,
      })),
    };
  }
  if (status === 401 && problem.type?.endsWith('#UNAUTHORIZED')) {
    return { error: 'invalid_token', error_description: 'Access token is missing' };
  }
  if (status === 400 && problem.error?.code === 'invalid_json') {
    return {
      errors: [
        { key: 'body', value: null, message: 'The request body is not valid JSON', code: 'invalid', payload: null },
      ],
    };
  }
  return undefined;
}
