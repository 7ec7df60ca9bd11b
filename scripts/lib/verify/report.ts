// The live check's report: one line per operation, then each violation, then the totals — as
// text for a person or as JSON for a script. Both are built from the same Report.
import type { CheckResult } from './checker.js';
import type { Violation } from './violations.js';

export interface Report {
  baseUrl: string;
  writes: boolean;
  checks: CheckResult[];
  violations: (Violation & { operationId: string; label?: string })[];
  /** Writes that could not be undone. */
  leftBehind: string[];
  /** Why the walk ended early: the token was refused, the API could not be reached, Ctrl-C. */
  stopped?: string;
  checked: number;
  exitCode: number;
}

export const EXIT = { ok: 0, drift: 1, usage: 2, tokenRefused: 3, network: 4, interrupted: 130 } as const;

export function buildReport(
  { baseUrl, writes, checks, leftBehind }: Pick<Report, 'baseUrl' | 'writes' | 'checks' | 'leftBehind'>,
  stopped?: { reason: string; exitCode: number },
): Report {
  const violations = checks.flatMap(({ operationId, label, violations }) =>
    violations.map((v) => ({ operationId, ...(label && { label }), ...v })),
  );
  const checked = checks.filter((c) => c.status !== undefined).length;
  const exitCode = stopped?.exitCode ?? (violations.length > 0 ? EXIT.drift : EXIT.ok);
  return {
    baseUrl,
    writes,
    checks,
    violations,
    leftBehind,
    ...(stopped && { stopped: stopped.reason }),
    checked,
    exitCode,
  };
}

const nameOf = ({ operationId, label }: { operationId: string; label?: string }) =>
  label ? `${operationId} (${label})` : operationId;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(report: Report): string {
  const width = Math.max(...report.checks.map((c) => nameOf(c).length), 10);
  const lines = [`Checked ${report.baseUrl} against the spec${report.writes ? ' (with writes)' : ''}:`, ''];
  if (report.checks.length === 0) lines.push('  no operation was called');
  for (const check of report.checks) {
    const name = nameOf(check).padEnd(width);
    if (check.status === undefined) {
      lines.push(`  ${name}  skipped           ${check.skipped ?? ''}`);
      continue;
    }
    const time = `${check.ms} ms`.padStart(8);
    const count =
      plural(check.violations.length, 'violation') + (check.truncated ? ' (Prism listed only the first)' : '');
    lines.push(`  ${name}  ${check.status}  ${time}  ${count}${check.error ? `  — ${check.error}` : ''}`);
  }
  if (report.violations.length > 0) {
    lines.push('', 'Violations:');
    for (const v of report.violations) lines.push(`  ${nameOf(v)}: ${v.location} [${v.severity}] ${v.message}`);
  }
  if (report.leftBehind.length > 0) {
    lines.push('', 'Left behind (could not be undone):');
    for (const item of report.leftBehind) lines.push(`  ${item}`);
  }
  if (report.stopped) lines.push('', `Stopped early: ${report.stopped}`);
  // Always plural, so the line is the same shape for a script to read.
  lines.push('', `verify: ${report.checked} operations checked, ${report.violations.length} violations`);
  return lines.join('\n');
}
