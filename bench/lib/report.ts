// What every benchmark shares: the machine it ran on, order statistics, a printed table and a
// JSON file in bench/results/ (gitignored) so runs can be compared later.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import { ROOT } from '../../scripts/lib/spec.js';

export const RESULTS_DIR = join(ROOT, 'bench/results');

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  /** 1-minute load average when the result was saved: other work on the machine skews timings. */
  load: number;
}

export function machine(): Machine {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: no /proc/cpuinfo.
  }
  return {
    cpu,
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    load: loadavg()[0]!,
  };
}

/** The q-quantile (0..1) of `values` by the nearest-rank method. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: number[]) => quantile(values, 0.5);

export interface Row {
  metric: string;
  value: string;
  goal?: string;
  ok?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  const withGoals = rows.some((row) => row.goal !== undefined);
  const table = new Table({
    head: withGoals ? ['metric', 'value', 'goal', ''] : ['metric', 'value'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push(
      withGoals
        ? [row.metric, row.value, row.goal ?? '', row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED']
        : [row.metric, row.value],
    );
  }
  console.log(`\n${title}\n${table.toString()}`);
}

/** Writes bench/results/<name>.json and returns its path. */
export function saveResult(name: string, result: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2)}\n`,
  );
  return file;
}

export const ms = (value: number, digits = 3) => `${value.toFixed(digits)} ms`;

/** Whether the module at `url` is the script node was started with (not imported by bench/run.ts). */
export const isMain = (url: string) => url === pathToFileURL(process.argv[1] ?? '').href;
