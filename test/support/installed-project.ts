// One scratch project with the packed tarball installed (`npm install ./pachca-sdk-*.tgz`, as the
// README tells a user), shared by the suites that use the package the way a user does (the
// install test, the bundlers' apps). The first suite to ask installs it; the others, in other
// workers, wait for it. It lives beside the tarball, so the global teardown removes both.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

export const NPM_INSTALL = [
  'install',
  '--prefer-offline',
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
  '--no-package-lock',
];

const INSTALL_TIMEOUT_MS = 90_000;

/**
 * `<dir>/project` with pachca-sdk installed from the tarball, and nothing else. `<dir>` (its
 * parent) is the suites' to use too, e.g. for a monorepo's shared node_modules.
 */
export async function installedProject(): Promise<string> {
  const dir = join(dirname(inject('tarball')), 'installed');
  const project = join(dir, 'project');
  const done = join(dir, 'installed.json');
  try {
    mkdirSync(dir); // atomic: exactly one suite gets to install
  } catch {
    const deadline = Date.now() + INSTALL_TIMEOUT_MS;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`no install in ${project} after ${INSTALL_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { error } = JSON.parse(readFileSync(done, 'utf8')) as { error?: string };
    if (error) throw new Error(`installing the tarball failed in another suite: ${error}`);
    return project;
  }
  try {
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true }));
    await run('npm', [...NPM_INSTALL, inject('tarball')], { cwd: project, timeout: INSTALL_TIMEOUT_MS });
    writeFileSync(done, '{}');
    return project;
  } catch (error) {
    writeFileSync(done, JSON.stringify({ error: String(error) }));
    throw error;
  }
}
