// A fetch that records every exchange, so contract tests can check what went over the wire
// (Prism ignores unknown query parameters, so the SDK's query names are checked here).
export interface Exchange {
  method: string;
  url: URL;
  authorization: string | null;
  status: number;
}

export function recordingFetch(log: Exchange[]): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const authorization = request.headers.get('authorization');
    const response = await globalThis.fetch(request);
    log.push({ method: request.method, url: new URL(request.url), authorization, status: response.status });
    return response;
  };
}
