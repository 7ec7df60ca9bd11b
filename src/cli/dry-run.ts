// `--dry-run`: the SDK builds the request exactly as it would send it; a fetch in its place prints
// it (token masked) and stops the call, so nothing leaves the machine.
import { jsonOrText } from '../core/json.js';
import type { Output } from './io.js';
import type { Format } from './view.js';
import { maskToken } from './secrets.js';

/** Thrown by the dry-run fetch once the request is printed; the CLI treats it as success. */
export class DryRunStop extends Error {
  override name = 'DryRunStop';
}

export function isDryRunStop(error: unknown): boolean {
  // The SDK's transport wraps whatever fetch throws in a PachcaConnectionError.
  return error instanceof DryRunStop || (error instanceof Error && error.cause instanceof DryRunStop);
}

export interface DescribedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

async function describeBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData();
    const parts: Record<string, unknown> = {};
    for (const [name, value] of form) {
      parts[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size };
    }
    return parts;
  }
  const text = await request.text();
  return text === '' ? undefined : jsonOrText(text);
}

export async function describeRequest(request: Request): Promise<DescribedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    // Headers come lowercased; print them the way people write them: `Content-Type`.
    const shown = name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
    headers[shown] =
      name === 'authorization'
        ? value.replace(/^(Bearer\s+)(.*)$/i, (_, scheme: string, token: string) => scheme + maskToken(token))
        : value;
  });
  const body = await describeBody(request);
  return { method: request.method, url: request.url, headers, ...(body === undefined ? {} : { body }) };
}

/** The request as an HTTP message (the default), or as JSON/YAML data. */
export async function formatRequest(described: DescribedRequest, format: Format | undefined): Promise<string> {
  if (format === 'json') return JSON.stringify(described, null, 2);
  if (format === 'yaml') return (await import('yaml')).stringify(described).trimEnd();
  const lines = [
    `${described.method} ${described.url}`,
    ...Object.entries(described.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (described.body !== undefined)
    lines.push('', typeof described.body === 'string' ? described.body : JSON.stringify(described.body, null, 2));
  return lines.join('\n');
}

/** A fetch that prints the request on `stdout` instead of sending it. */
export function dryRunFetch(format: Format | undefined, stdout: Output): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    stdout.write(`${await formatRequest(await describeRequest(request), format)}\n`);
    throw new DryRunStop('dry run: the request was printed, not sent');
  };
}
