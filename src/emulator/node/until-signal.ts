// How a served emulator is stopped from outside: the first SIGINT, SIGTERM or SIGHUP starts the
// shutdown, and the signals that follow (npm and the shell may forward one to the whole group)
// wait for it rather than cut a save short. One small function, so the shutdown policy has one place.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Resolves once `stop` has finished after the first stop signal. */
export function stopOnSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping: Promise<void> | undefined;
    const handler = () => {
      if (stopping) return;
      stopping = stop().finally(() => {
        for (const signal of SIGNALS) process.off(signal, handler);
      });
      stopping.then(resolve, reject);
    };
    for (const signal of SIGNALS) process.on(signal, handler);
  });
}
