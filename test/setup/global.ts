// Vitest's global setup: the spec bundle, the Prism mock, the emulator and the package build are
// independent, so they start together instead of one after another (vitest runs separate setup
// files in turn). The two that spawn servers go first: each runs until its first await, and the
// spec bundle (a synchronous Redocly run) would otherwise hold their spawns back.
import type { TestProject } from 'vitest/node';
import setupBrowser from './browser.js';
import setupEmulator from './emulator.js';
import setupPackage from './package.js';
import setupPrism from './prism.js';
import setupSpec from './spec.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns = await Promise.all([
    setupPrism(project),
    setupEmulator(project),
    setupPackage(project),
    setupBrowser(project),
    setupSpec(project),
  ]);
  return async () => {
    for (const teardown of teardowns) await teardown?.();
  };
}
