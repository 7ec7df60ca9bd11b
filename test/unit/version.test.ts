// The User-Agent names the version from generated/version.ts; it must match what npm publishes.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { VERSION } from '../../generated/version.js';

it('generated/version.ts VERSION equals the package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
