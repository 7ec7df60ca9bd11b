// `npm run verify:live`: the live check (scripts/lib/verify/verify-live.ts) with this process's
// arguments, environment and streams. First Ctrl-C (or SIGTERM, SIGHUP): stop the walk, undo the
// writes, stop Prism. A second one exits at once (Prism is killed by the exit hook in startPrism).
import { EXIT } from './lib/verify/report.js';
import { Interrupted, verifyLive } from './lib/verify/verify-live.js';
import { runMain } from './lib/run-main.js';

runMain('verify', async () => {
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
      interrupt.abort(new Interrupted(signal));
    });
  }
  process.exitCode = await verifyLive({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interrupted: interrupt.signal,
  });
});
