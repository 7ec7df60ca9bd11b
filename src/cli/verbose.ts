// `-v, --verbose`: every attempt the SDK sends (retries too, since this fetch sits beneath the
// retry loop), written to stderr like curl -v: the request line and headers with the token
// masked, then the status, the response headers and the time it took.
import type { Output } from './io.js';
import { maskToken } from './secrets.js';

function headerLines(prefix: string, headers: Headers): string[] {
  const lines: string[] = [];
  headers.forEach((value, name) => {
    const shown =
      name === 'authorization'
        ? value.replace(/^(\S+\s+)(.*)$/, (_, scheme: string, token: string) => scheme + maskToken(token))
        : value;
    lines.push(`${prefix} ${name}: ${shown}`);
  });
  return lines;
}

export function verboseFetch(inner: typeof fetch, stderr: Output): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    stderr.write([`> ${request.method} ${request.url}`, ...headerLines('>', request.headers), ''].join('\n'));
    const started = performance.now();
    const elapsed = () => `${Math.round(performance.now() - started)} ms`;
    try {
      const response = await inner(request);
      stderr.write(
        [`< ${response.status} ${response.statusText} (${elapsed()})`, ...headerLines('<', response.headers), ''].join(
          '\n',
        ),
      );
      return response;
    } catch (error) {
      stderr.write(
        `* ${request.method} ${request.url} failed after ${elapsed()}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      throw error;
    }
  };
}
