// The `fetch` handed to the SDK: it passes every call through unchanged and keeps, for each
// response, what the check needs and the SDK would not return — the status, Prism's
// `sl-violations` header, and whether the answer came from Prism itself rather than the API.
import { parseViolationsHeader, VIOLATIONS_HEADER, type Violation } from './violations.js';

export interface Exchange {
  status: number;
  violations: Violation[];
  /** Prism cut the header short: there were more violations than it lists. */
  truncated: boolean;
  /** Set when Prism answered for itself (problem+json), e.g. it could not reach the API. */
  prismError?: { type: string; title: string };
}

export interface Recorder {
  fetch: typeof globalThis.fetch;
  /** The exchanges since the last call of `take()`. */
  take(): Exchange[];
}

/** `signal()` is read per request, so a check can be made abortable (or not) as it starts. */
export function createRecorder(signal: () => AbortSignal | undefined): Recorder {
  let exchanges: Exchange[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const extra = signal();
    const request = new Request(input, init);
    const response = await globalThis.fetch(
      extra ? new Request(request, { signal: AbortSignal.any([request.signal, extra]) }) : request,
    );
    exchanges.push({
      status: response.status,
      ...parseViolationsHeader(response.headers.get(VIOLATIONS_HEADER)),
      ...(await prismError(response)),
    });
    return response;
  };
  return {
    fetch,
    take() {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
  };
}

/**
 * Prism's own failures are problem+json with a `type` (prism-http/dist/types.js): `FetchError`
 * when the upstream could not be reached, `https://stoplight.io/prism/errors#…` otherwise.
 * The Pachca API itself answers in plain JSON.
 */
async function prismError(response: Response): Promise<Pick<Exchange, 'prismError'>> {
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) return {};
  try {
    const { type, title } = (await response.clone().json()) as { type?: unknown; title?: unknown };
    if (type === 'FetchError' || (typeof type === 'string' && type.startsWith('https://stoplight.io/prism/errors#'))) {
      return { prismError: { type, title: String(title) } };
    }
  } catch {
    // Not JSON: not Prism's.
  }
  return {};
}
