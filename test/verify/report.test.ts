// The live check's reading of Prism's sl-violations header and the report built from it, without
// a proxy: the header values are the ones Prism 5.14.2 sends (see test/verify/verify-live.test.ts
// for the same values coming from a real Prism).
import { describe, expect, test } from 'vitest';
import { buildReport, formatText } from '../../scripts/lib/verify/report.js';
import { parseViolationsHeader } from '../../scripts/lib/verify/violations.js';

const roleViolation = {
  location: ['response', 'body', 'data', 'role'],
  severity: 'Error',
  code: 'enum',
  message:
    'Response body property data.role must be equal to one of the allowed values: admin, user, multi_guest, guest',
};

describe("reading Prism's sl-violations header", () => {
  test('a body violation is located by its path in the body', () => {
    expect(parseViolationsHeader(JSON.stringify([roleViolation]))).toEqual({
      violations: [{ location: 'response body data.role', severity: 'Error', message: roleViolation.message }],
      truncated: false,
    });
  });

  test('an undeclared status is located at the status code', () => {
    const message = 'Unable to match the returned status code with those defined in the document: 204,401,402,403,404';
    expect(
      parseViolationsHeader(JSON.stringify([{ location: ['response'], severity: 'Error', message }])).violations,
    ).toEqual([{ location: 'response status code', severity: 'Error', message }]);
  });

  test('a request violation is reported too, as the request', () => {
    const limit = {
      location: ['request', 'query', 'limit'],
      severity: 'Error',
      code: 'maximum',
      message: 'Request query parameter limit must be <= 50',
    };
    expect(parseViolationsHeader(JSON.stringify([limit])).violations[0]!.location).toBe('request query limit');
  });

  test('a header Prism cut at ~8 KB keeps the violations it holds whole, and says it was cut', () => {
    const whole = JSON.stringify(Array.from({ length: 3 }, () => roleViolation));
    const cut = `Too many violations! ${whole.slice(0, whole.length - 40)}`;
    const { violations, truncated } = parseViolationsHeader(cut);
    expect(truncated).toBe(true);
    expect(violations).toHaveLength(2);
  });

  test('no header: no violations', () => {
    expect(parseViolationsHeader(null)).toEqual({ violations: [], truncated: false });
  });
});

describe('the text report', () => {
  const report = buildReport({
    baseUrl: 'https://api.example.test/api/shared/v1',
    writes: false,
    checks: [
      {
        operationId: 'getUser',
        status: 200,
        ms: 42,
        violations: parseViolationsHeader(JSON.stringify([roleViolation])).violations,
      },
      { operationId: 'getGroupTag', violations: [], skipped: 'there are no group tags to read' },
    ],
    leftBehind: [],
  });

  test('one line per operation, then each violation, then the totals; drift exits 1', () => {
    expect(formatText(report).split('\n')).toEqual([
      'Checked https://api.example.test/api/shared/v1 against the spec:',
      '',
      '  getUser      200     42 ms  1 violation',
      '  getGroupTag  skipped           there are no group tags to read',
      '',
      'Violations:',
      `  getUser: response body data.role [Error] ${roleViolation.message}`,
      '',
      'verify: 1 operations checked, 1 violations',
    ]);
    expect(report.exitCode).toBe(1);
  });

  test('no violations exits 0; a walk stopped early keeps its own exit code', () => {
    const clean = buildReport({
      baseUrl: 'x',
      writes: false,
      checks: [{ operationId: 'getProfile', status: 200, ms: 1, violations: [] }],
      leftBehind: [],
    });
    expect(clean.exitCode).toBe(0);
    expect(buildReport({ ...clean }, { reason: 'the token was refused', exitCode: 3 }).exitCode).toBe(3);
  });
});
