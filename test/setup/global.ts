// Vitest's global setup: the Prism mock, the shared Chromium, the package build, the spec bundle
// and the emulator. The ones that run elsewhere go first (each runs until its first await:
// Prism's spawn, Chromium's, the build), then the spec is bundled (a synchronous Redocly run), and
// the emulator, in this process, checks its exchanges against that bundle.
import type { TestProject } from 'vitest/node';
import setupBrowser from './browser.js';
import setupEmulator from './emulator.js';
import setupPackage from './package.js';
import setupPrism from './prism.js';
import setupSpec from './spec.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = setupPrism(project);
  const browser = setupBrowser(project);
  const pack = setupPackage(project);
  const spec = setupSpec(project);
  const teardowns = await Promise.all([prism, browser, setupEmulator(project, spec), pack]);
  return async () => {
    for (const teardown of teardowns) await teardown?.();
  };
}
