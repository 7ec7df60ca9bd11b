// The two ways a client reaches the emulator: an emulator server (through fetch; it checks its own
// answers against the spec and journals any violation) and a workspace of pachca-sdk/msw (the same
// engine, in-process, under msw's setupServer). A scenario drives either through this one
// interface, which records every exchange for the comparison; the workspace's answers are checked
// against the spec here as they come, since no server checks them.
import type { Fault, FaultMatch } from '../../src/emulator/index.js';
import type { Workspace } from '../../src/msw/index.js';
import { expectSpecAnswer } from '../emulator/support.js';
import { call } from '../support/emulator.js';

export interface SendOptions {
  /** A token of the emulator's table; the owner's by default, null for none. */
  token?: string | null;
  json?: unknown;
  form?: FormData;
  /** The answer may have a status the operation does not declare (an injected fault). */
  undeclared?: boolean;
}

export interface Exchange {
  /** `METHOD path` as sent, relative to the base URL. */
  request: string;
  status: number;
  body: unknown;
  /** The headers that carry meaning here (not x-request-id, which differs by design). */
  headers: Record<string, string>;
}

export interface Transport {
  readonly name: string;
  /** The base URL the API is at; uploaded avatars are served under it. */
  readonly baseUrl: string;
  readonly transcript: Exchange[];
  send(method: string, path: string, options?: SendOptions): Promise<Exchange>;
  /** GET of an absolute URL the API handed out (an avatar's image_url): its status, type and bytes. */
  image(url: string): Promise<Exchange>;
  fault(match: FaultMatch, fault: Fault): Promise<void>;
}

const MEANINGFUL_HEADERS = ['retry-after', 'allow'];

function requestInit(method: string, options: SendOptions): RequestInit {
  const { token = 'test-token', json, form } = options;
  const headers: Record<string, string> = {};
  headers.authorization = token === null ? '' : `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  return { method, headers, body: json !== undefined ? JSON.stringify(json) : form };
}

async function record(request: string, response: Response): Promise<Exchange> {
  const text = await response.text();
  const headers = Object.fromEntries(
    MEANINGFUL_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  return { request, status: response.status, body: text === '' ? undefined : JSON.parse(text), headers };
}

async function recordImage(response: Response): Promise<Exchange> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const body = type.startsWith('image/') ? { bytes: [...bytes] } : JSON.parse(new TextDecoder().decode(bytes));
  return { request: 'GET <image_url>', status: response.status, body, headers: { 'content-type': type } };
}

abstract class Recording implements Transport {
  readonly transcript: Exchange[] = [];
  abstract readonly name: string;
  abstract readonly baseUrl: string;
  protected abstract fetch(path: string, init: RequestInit): Promise<Response>;
  abstract fault(match: FaultMatch, fault: Fault): Promise<void>;

  async send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const response = await this.fetch(path, requestInit(method, options));
    const exchange = await record(`${method} ${path}`, response.clone());
    this.check(method, path, response.status, await response.text(), options);
    this.transcript.push(exchange);
    return exchange;
  }

  async image(url: string): Promise<Exchange> {
    const exchange = await recordImage(await fetch(url, { signal: AbortSignal.timeout(15_000) }));
    this.transcript.push(exchange);
    return exchange;
  }

  protected check(_method: string, _path: string, _status: number, _text: string, _options: SendOptions): void {}
}

/** An emulator server; `controlUrl` when the API is reached through a proxy (Prism) in front of it. */
export class ServerTransport extends Recording {
  readonly name = 'the emulator server';

  constructor(
    readonly baseUrl: string,
    private readonly controlUrl = baseUrl,
  ) {
    super();
  }

  protected fetch(path: string, init: RequestInit): Promise<Response> {
    return call(path, init, this.baseUrl);
  }

  async fault(match: FaultMatch, fault: Fault): Promise<void> {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...match, ...fault }),
    };
    const response = await call('/__emulator/faults', init, this.controlUrl);
    if (response.status !== 201) throw new Error(`POST /__emulator/faults answered ${response.status}`);
  }
}

/** A pachca-sdk/msw workspace whose handlers the test's setupServer serves at `baseUrl`. */
export class WorkspaceTransport extends Recording {
  readonly name = 'the msw workspace';

  constructor(
    private readonly workspace: Workspace,
    readonly baseUrl: string,
  ) {
    super();
  }

  protected fetch(path: string, init: RequestInit): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, init);
  }

  async fault(match: FaultMatch, fault: Fault): Promise<void> {
    this.workspace.faults.next('operationId' in match ? (match.operationId as 'getUser') : match, fault);
  }

  protected override check(method: string, path: string, status: number, text: string, options: SendOptions): void {
    const body = text === '' ? undefined : JSON.parse(text);
    expectSpecAnswer(method, new URL(path, 'http://base.invalid').pathname, status, body, text, options.undeclared);
  }
}
