// stopOnSignals with its signals, exit and clock in the test's hands: one stop however many
// signals come, exit 0 after it, 1 with a message when it fails or outlives its deadline.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHUTDOWN_SIGNALS, stopOnSignals } from '../../src/emulator/node/shutdown.js';

function harness(stop: () => Promise<void>, deadlineMs?: number) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  const dispose = stopOnSignals(stop, {
    signals,
    exit: (code) => exits.push(code),
    log: (line) => lines.push(line),
    deadlineMs,
  });
  const send = (signal: NodeJS.Signals) => signals.emit(signal, signal);
  return { signals, exits, lines, dispose, send };
}

/** A stop that finishes when the test says so. */
function pendingStop() {
  let finish!: (error?: Error) => void;
  const stop = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve());
      }),
  );
  return { stop, finish: (error?: Error) => finish(error) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('stopOnSignals', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(SHUTDOWN_SIGNALS)('stops once on %s and exits 0 after the stop, not before', async (signal) => {
    const { stop, finish } = pendingStop();
    const { exits, send, lines } = harness(stop);
    send(signal);
    send(signal); // npm forwards the group's signal: the same one again, at once
    send('SIGTERM');
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([]);
    finish();
    await settle();
    expect(exits).toEqual([0]);
    expect(lines).toEqual([]);
  });

  it('says so when a signal comes again well after the first, and still waits', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { stop, finish } = pendingStop();
    const { exits, send, lines } = harness(stop);
    send('SIGINT');
    vi.setSystemTime(Date.now() + 2_000);
    send('SIGINT');
    expect(lines).toEqual(['SIGINT: already stopping; waiting for it to finish']);
    expect(exits).toEqual([]);
    finish();
    await settle();
    expect(exits).toEqual([0]);
  });

  it('exits 1 with the message when the stop fails', async () => {
    const { stop, finish } = pendingStop();
    const { exits, send, lines } = harness(stop);
    send('SIGHUP');
    finish(new Error('the final save failed: EACCES'));
    await settle();
    expect(exits).toEqual([1]);
    expect(lines).toEqual(['while stopping: the final save failed: EACCES']);
  });

  it('exits 1 with a message when the stop outlives the deadline', async () => {
    vi.useFakeTimers();
    const { stop } = pendingStop();
    const { exits, send, lines } = harness(stop, 5_000);
    send('SIGTERM');
    vi.advanceTimersByTime(4_999);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([1]);
    expect(lines).toEqual(['SIGTERM: the stop did not finish within 5 s; exiting without it']);
  });

  it('stops listening when disposed', () => {
    const { stop } = pendingStop();
    const { signals, dispose } = harness(stop);
    dispose();
    for (const signal of SHUTDOWN_SIGNALS) expect(signals.listenerCount(signal)).toBe(0);
  });
});
