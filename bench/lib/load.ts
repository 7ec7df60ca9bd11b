// A closed-loop load generator: `concurrency` clients, each sending its next request as soon as
// the previous answer is read, for `durationMs` after a warm-up. Requests go over node:http with
// keep-alive, which costs the client less CPU than fetch on a machine the server shares.
import { Agent, request } from 'node:http';
import { quantile } from './report.js';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers whose status was not the expected one. */
  unexpected: number;
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  warmupMs?: number;
  headers?: Record<string, string>;
  expectStatus?: number;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

export async function load(target: string, options: LoadOptions): Promise<LoadResult> {
  const { concurrency, durationMs, warmupMs = 1000, headers = {}, expectStatus = 200 } = options;
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let unexpected = 0;
    const until = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < until) {
        const began = performance.now();
        const status = await get(agent, url, headers);
        if (record) latencies.push(performance.now() - began);
        if (status !== expectStatus) unexpected++;
      }
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { latencies, unexpected, elapsedMs: performance.now() - began };
  };
  await run(warmupMs, false);
  const { latencies, unexpected, elapsedMs } = await run(durationMs, true);
  agent.destroy();
  return {
    requests: latencies.length,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    unexpected,
  };
}
