// What the public front and the engine's adapter pass each other about one exchange, keyed by the
// EXCHANGE_HEADER the front adds and Prism forwards: the raw body of a multipart upload (Prism
// forwards bodies it cannot parse as text, which breaks binary files) and the engine's request id
// (Prism drops the engine's headers when it turns a response into a violation report).
export const EXCHANGE_HEADER = 'x-emulator-exchange';

export class Exchanges {
  #next = 0;
  readonly #bodies = new Map<string, Buffer>();
  readonly #requestIds = new Map<string, string>();

  open(): string {
    return String(++this.#next);
  }

  stashBody(id: string, body: Buffer): void {
    this.#bodies.set(id, body);
  }

  takeBody(id: string): Buffer | undefined {
    const body = this.#bodies.get(id);
    this.#bodies.delete(id);
    return body;
  }

  recordRequestId(id: string, requestId: string): void {
    this.#requestIds.set(id, requestId);
  }

  requestIdOf(id: string): string | undefined {
    return this.#requestIds.get(id);
  }

  close(id: string): void {
    this.#bodies.delete(id);
    this.#requestIds.delete(id);
  }
}
