// Drives Debian's headless chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
// commands on fd 3, replies on fd 4, each a JSON message ended by a NUL byte). No WebSocket, no
// extra package, and the browser is one child process we own and kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const NAMES = ['chromium', 'chromium-browser'];

/** The chromium binary on PATH, or undefined. */
export function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface PageEvent {
  method: string;
  params: Record<string, unknown>;
}

/** One page in a headless browser that can reach 127.0.0.1 and nothing else. */
export class HeadlessPage {
  readonly events: PageEvent[] = [];
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private waiters: { method: string; resolve: () => void }[] = [];
  private sessionId = '';

  private constructor(
    private readonly browser: ChildProcess,
    private readonly profileDir: string,
    private readonly input: Writable,
    output: Readable,
  ) {
    let buffer = '';
    output.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (buffer + chunk).split('\0');
      buffer = parts.pop() ?? '';
      for (const part of parts) this.receive(JSON.parse(part) as Message);
    });
    browser.once('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`chromium exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  static async launch(binary: string, { width, height }: { width: number; height: number }): Promise<HeadlessPage> {
    const profileDir = mkdtempSync(join(tmpdir(), 'pachca-chromium-'));
    const browser = spawn(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profileDir}`,
        // No network but loopback: a CDN font or script would fail to load and be logged.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        '--hide-scrollbars',
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new HeadlessPage(browser, profileDir, browser.stdio[3] as Writable, browser.stdio[4] as Readable);
    const { targetId } = await page.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await page.send('Target.attachToTarget', { targetId, flatten: true });
    page.sessionId = sessionId as string;
    for (const domain of ['Page', 'Runtime', 'Log']) await page.send(`${domain}.enable`);
    await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    return page;
  }

  /** Opens `url` and resolves after its load event. */
  async goto(url: string): Promise<void> {
    const loaded = this.next('Page.loadEventFired', `load of ${url}`);
    const { errorText } = await this.send('Page.navigate', { url });
    if (errorText) throw new Error(`could not open ${url}: ${errorText}`);
    await loaded;
  }

  /** Evaluates `expression` in the page (awaiting a returned promise) and returns its value. */
  async evaluate<T>(expression: string, { timeoutMs = STEP_TIMEOUT_MS } = {}): Promise<T> {
    const params = { expression, awaitPromise: true, returnByValue: true };
    const reply = await this.send('Runtime.evaluate', params, { timeoutMs });
    const exception = reply.exceptionDetails as { text: string; exception?: { description?: string } } | undefined;
    if (exception) throw new Error(`page script failed: ${exception.exception?.description ?? exception.text}`);
    return (reply.result as { value: T }).value;
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data as string, 'base64');
  }

  /** Console errors, uncaught exceptions and failed loads the page reported. */
  problems(): string[] {
    return this.events.flatMap(({ method, params }) => {
      if (method === 'Runtime.exceptionThrown') return [`exception: ${JSON.stringify(params.exceptionDetails)}`];
      if (method === 'Runtime.consoleAPICalled' && params.type === 'error')
        return [`console.error: ${JSON.stringify(params.args)}`];
      const entry = params.entry as { level?: string; text?: string; url?: string } | undefined;
      if (method === 'Log.entryAdded' && entry?.level === 'error') return [`${entry.text} ${entry.url ?? ''}`.trim()];
      return [];
    });
  }

  async close(): Promise<void> {
    if (this.browser.exitCode === null && this.browser.signalCode === null) {
      const exited = new Promise((resolve) => this.browser.once('exit', resolve));
      this.send('Browser.close', {}, { session: false }).catch(() => undefined);
      const timer = setTimeout(() => this.browser.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  private send(
    method: string,
    params: Record<string, unknown> = {},
    { session = true, timeoutMs = STEP_TIMEOUT_MS } = {},
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message: Message = { id, method, params };
    if (session && this.sessionId) message.sessionId = this.sessionId;
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(message)}\0`);
    });
    return withTimeout(reply, method, timeoutMs, () => this.pending.delete(id));
  }

  private next(method: string, what: string): Promise<void> {
    let waiter: { method: string; resolve: () => void } | undefined;
    const event = new Promise<void>((resolve) => {
      waiter = { method, resolve };
      this.waiters.push(waiter);
    });
    return withTimeout(event, what, STEP_TIMEOUT_MS, () => (this.waiters = this.waiters.filter((w) => w !== waiter)));
  }

  private receive(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result ?? {});
      return;
    }
    if (!message.method) return;
    this.events.push({ method: message.method, params: message.params ?? {} });
    const woken = this.waiters.filter((w) => w.method === message.method);
    this.waiters = this.waiters.filter((w) => w.method !== message.method);
    for (const waiter of woken) waiter.resolve();
  }
}

// A step takes well under a second on an idle machine; the bound leaves room for a run that keeps
// both cores busy (a page load has been seen to take over 10 s then), and still ends a hung page.
const STEP_TIMEOUT_MS = 30_000;

/** Every browser step is bounded: a hung page fails the test instead of stalling it. */
function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`chromium: ${what} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
