// The published package, as a user gets it: `npm pack` of dist/, installed into a fresh project
// from the tarball (dependencies from the npm cache), then used through `import`, `require` and
// the `pachca` bin. SDK calls go to a local node:http server, the bin's to the Prism mock, so the
// installed code really runs.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import type { PackedFile } from '../../scripts/lib/pack.js';
import { freePort, isListening } from '../../scripts/lib/ports.js';
import { ROOT } from '../../scripts/lib/spec.js';
import { installedProject } from '../support/installed-project.js';
import { MOCK_TOKEN, mockUrl } from '../support/mock.js';

const run = promisify(execFile);
const TOKEN = 'smoke-token-5e8d1c';
const TIMEOUT = { timeout: 10_000 };

const MSW_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.msw;

/** Holds the project and, linked beside it, msw (for pachca-sdk/msw, below). */
let workspace: string;
let project: string;
let files: PackedFile[];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  project = await installedProject();
  workspace = dirname(project);
  files = inject('packedFiles');

  server = createServer((req, res) => {
    const ok = req.url === '/users/1' && req.headers.authorization === `Bearer ${TOKEN}`;
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json', 'x-request-id': 'smoke-1' });
    res.end(JSON.stringify(ok ? { data: { id: 1, nickname: 'smoke' } } : { errors: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** Runs a script file written into the temporary project; returns its stdout. */
async function runScript(name: string, source: string, timeoutMs = 10_000): Promise<string> {
  writeFileSync(join(project, name), source);
  const { stdout } = await run(process.execPath, [name], {
    cwd: project,
    timeout: timeoutMs,
    env: { ...process.env, BASE_URL: baseUrl },
  });
  return stdout.trim();
}

const CALL = `
const client = new Pachca({ token: '${TOKEN}', baseUrl: process.env.BASE_URL, maxRetries: 0 });
const user = await client.users.get(1);
const missing = await client.users.get(2).catch((error) => error);
console.log(JSON.stringify({ nickname: user.nickname, notFound: missing instanceof PachcaNotFoundError, requestId: missing.requestId }));
`;
const EXPECTED = { nickname: 'smoke', notFound: true, requestId: 'smoke-1' };

describe('the packed tarball', () => {
  it("holds only the builds, their types, the bin and its libraries' notices, pachca-sdk/msw, README, LICENSE and package.json", () => {
    const paths = files.map((file) => file.path).sort();
    // Each ESM build (Node's, the browser's) has two split chunks, each loaded with import() on
    // first use: upload handling, and the log lines (only when logging is on).
    const chunks = paths.filter((path) => /^dist\/(chunk|browser)-(uploads|logging)-\w+\.js$/.test(path));
    expect(chunks.map((path) => path.split('-').slice(0, 2).join('-'))).toEqual([
      'dist/browser-logging',
      'dist/browser-uploads',
      'dist/chunk-logging',
      'dist/chunk-uploads',
    ]);
    expect(paths).toEqual(
      [
        'LICENSE',
        'README.md',
        'dist/cli.js',
        'dist/cli.js.LICENSE.txt',
        'dist/cli-emulator.js',
        'dist/cli-emulator.js.LICENSE.txt',
        'dist/index.browser.js',
        'dist/index.cjs',
        'dist/index.d.cts',
        'dist/index.d.ts',
        'dist/index.js',
        ...['dist/msw.cjs', 'dist/msw.d.cts', 'dist/msw.d.ts', 'dist/msw.js', 'msw/package.json'],
        'dist/spec/openapi.json',
        'dist/spec/openapi.yaml',
        'package.json',
        ...chunks,
      ].sort(),
    );
  });

  it('marks the bin executable', () => {
    expect(files.find((file) => file.path === 'dist/cli.js')!.mode & 0o111).toBe(0o111);
  });
});

/** Every package directory under node_modules (scoped ones as `@scope/name`, nested ones too). */
function installedPackages(dir: string): string[] {
  let names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      names.push(...readdirSync(path).map((name) => `${entry.name}/${name}`));
      continue;
    }
    names.push(entry.name);
    try {
      names = names.concat(installedPackages(join(path, 'node_modules')));
    } catch {
      // no nested node_modules
    }
  }
  return names.sort();
}

const manifest = (name: string) =>
  JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };

describe('installed from the tarball', () => {
  it('brings openapi-fetch and what openapi-fetch needs, nothing else (the CLI libraries are in the bin)', () => {
    expect(Object.keys(manifest('pachca-sdk').dependencies ?? {})).toEqual(['openapi-fetch']);
    const openapiFetchNeeds = Object.keys(manifest('openapi-fetch').dependencies ?? {});
    const installed = installedPackages(join(project, 'node_modules'));
    expect(installed).toEqual(['openapi-fetch', 'pachca-sdk', ...openapiFetchNeeds].sort());
    // Today that is 3 packages; before the CLI's libraries were bundled it was 25.
    expect(installed.length).toBeLessThanOrEqual(3);
  });

  it('works through import (ESM)', TIMEOUT, async () => {
    const out = await runScript('esm.mjs', `import { Pachca, PachcaNotFoundError } from 'pachca-sdk';\n${CALL}`);
    expect(JSON.parse(out)).toEqual(EXPECTED);
  });

  it('works through require (CommonJS)', TIMEOUT, async () => {
    const source = `const { Pachca, PachcaNotFoundError } = require('pachca-sdk');\n(async () => {${CALL}})();`;
    const out = await runScript('cjs.cjs', source);
    expect(JSON.parse(out)).toEqual(EXPECTED);
  });

  it.each([
    [
      'import (ESM, from the lazily loaded upload chunk)',
      'upload.mjs',
      `import { Pachca, PachcaInputError } from 'pachca-sdk';\n`,
    ],
    ['require (CommonJS)', 'upload.cjs', `const { Pachca, PachcaInputError } = require('pachca-sdk');\n`],
  ])('reads avatar files through %s', TIMEOUT, async (_, name, head) => {
    const source = `${head}new Pachca({ token: '${TOKEN}', baseUrl: process.env.BASE_URL }).profile.updateAvatar('missing.png')
  .catch((error) => console.log(JSON.stringify({ input: error instanceof PachcaInputError, message: error.message })));`;
    expect(JSON.parse(await runScript(name, source))).toEqual({
      input: true,
      message: 'Upload file not found: missing.png',
    });
  });

  it('gives require and import the same public names', TIMEOUT, async () => {
    const out = await runScript(
      'names.mjs',
      `import { createRequire } from 'node:module';
import * as esm from 'pachca-sdk';
const cjs = createRequire(import.meta.url)('pachca-sdk');
console.log(JSON.stringify([Object.keys(esm).sort(), Object.keys(cjs).sort()]));`,
    );
    const [esmNames, cjsNames] = JSON.parse(out) as [string[], string[]];
    expect(cjsNames).toEqual(esmNames);
    expect(esmNames).toContain('Pachca');
  });

  // HOME is private, so no saved login is read.
  const env = () => ({ PATH: process.env.PATH, HOME: project, PACHCA_TOKEN: MOCK_TOKEN });
  // npx finds the installed bin (--no: never download one).
  const npx = (args: string[]) =>
    run('npx', ['--no', '--', 'pachca', ...args], {
      cwd: project,
      timeout: 20_000,
      env: { ...env(), npm_config_update_notifier: 'false' },
    });
  // The link npm made in node_modules/.bin, run through its shebang as `npm run` scripts run it:
  // the installed bin without npx's second of start-up (npx itself is covered above).
  const installedBin = (args: string[]) =>
    run(join(project, 'node_modules/.bin/pachca'), args, { cwd: project, timeout: 20_000, env: env() });

  it('runs `npx pachca --help`', { timeout: 25_000 }, async () => {
    const { stdout } = await npx(['--help']);
    expect(stdout).toMatch(/^Usage: pachca/);
    expect(stdout).toContain('users');
  });

  it('runs `node_modules/.bin/pachca users list -o yaml` against the mock, through the bundled yaml library', {
    timeout: 25_000,
  }, async () => {
    const { stdout } = await installedBin(['--base-url', mockUrl(), 'users', 'list', '-o', 'yaml']);
    // The mock's first example of the list: Oleg Petrov (olegp), then Anna.
    expect(stdout).toMatch(/^data:\n {2}- id: 12\n {4}first_name: Oleg\n/);
    expect(stdout).toContain('    nickname: olegp\n');
    expect(stdout).toContain('  - id: 13\n');
  });

  it('runs `npx pachca emulator` from the installed package: its banner, an answer, SIGTERM', {
    timeout: 40_000,
  }, async () => {
    const port = await freePort();
    const child = spawn('npx', ['--no', '--', 'pachca', 'emulator', '--port', String(port), '--users', '20'], {
      cwd: project,
      env: { ...env(), npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: npx, node and all are stopped together below
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = once(child, 'exit');
    try {
      const url = `http://127.0.0.1:${port}`;
      while (!output.includes('Press Ctrl-C to stop.')) {
        if (child.exitCode !== null) throw new Error(`pachca emulator exited: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain(`Pachca emulator: ${url}`);
      expect(output).toContain('test-token');
      const response = await fetch(`${url}/users/12`, { headers: { authorization: 'Bearer test-token' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { first_name: string } }).data.first_name).toBe('Oleg');
      const refused = await fetch(`${url}/users/12`, {
        method: 'PUT',
        headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ user: { role: 'emperor' } }),
      });
      expect(refused.status).toBe(422);
    } finally {
      // To the group, as Ctrl-C does: npx dies of the signal, the emulator stops and exits 0.
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    }
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(code === 0 || signal === 'SIGTERM', `npx exited with ${code ?? signal}`).toBe(true);
    expect(await isListening('127.0.0.1', port)).toBe(false);
  });

  it('ships the bundled spec as pachca-sdk/openapi.json and pachca-sdk/openapi.yaml', TIMEOUT, async () => {
    const out = await runScript(
      'spec.mjs',
      `import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const json = require('pachca-sdk/openapi.json');
const yaml = readFileSync(require.resolve('pachca-sdk/openapi.yaml'), 'utf8');
console.log(JSON.stringify({ openapi: json.openapi, paths: Object.keys(json.paths).length, yaml: yaml.startsWith('openapi: 3.1') }));`,
    );
    expect(JSON.parse(out)).toMatchObject({ openapi: '3.1.0', yaml: true });
    expect(JSON.parse(out).paths).toBeGreaterThan(10);
  });
});

// pachca-sdk/msw needs msw, an optional peer dependency: npm did not install it with the SDK, and
// the SDK never loads it. A frontend project adds it; here it sits in the parent directory, as in
// a monorepo, linked to this repository's pinned copy (the same version a user installs, without a
// second npm install): Node finds it by walking up from the SDK's files.
describe('pachca-sdk/msw, installed with msw', () => {
  // msw/node loads some 50 modules: on a busy machine a script takes several times the SDK's.
  const MSW_TIMEOUT = { timeout: 30_000 };

  beforeAll(() => {
    expect(existsSync(join(project, 'node_modules/msw')), 'an optional peer dependency must not be installed').toBe(
      false,
    );
    const mswCopy = join(ROOT, 'node_modules/msw');
    const { version } = JSON.parse(readFileSync(join(mswCopy, 'package.json'), 'utf8')) as { version: string };
    expect(version, 'the linked msw is the version package.json pins').toBe(MSW_VERSION);
    mkdirSync(join(workspace, 'node_modules'));
    symlinkSync(mswCopy, join(workspace, 'node_modules/msw'), 'dir');
  });

  const MOCKED = `
const server = setupServer(...handlers());
server.listen({ onUnhandledRequest: 'error' });
const client = new Pachca({ token: '${TOKEN}', maxRetries: 0 });
const user = await client.users.get(12);
server.use(mock.getUser({ status: 404 }));
const missing = await client.users.get(12).catch((error) => error);
server.resetHandlers(...createWorkspace({ users: 30 }).handlers);
const owner = new Pachca({ token: 'test-token', maxRetries: 0 });
await owner.groupTags.create({ group_tag: { name: 'Packed' } });
const listed = (await owner.groupTags.listAll({ names: ['Packed'] })).length;
server.close();
console.log(JSON.stringify({ handlers: handlers().length, id: user.id, notFound: missing instanceof PachcaNotFoundError, listed }));
`;
  const MOCKED_RESULT = { handlers: Object.keys(operations).length, id: 12, notFound: true, listed: 1 };

  it('works through import (ESM)', MSW_TIMEOUT, async () => {
    const source = `import { setupServer } from 'msw/node';
import { Pachca, PachcaNotFoundError } from 'pachca-sdk';
import { createWorkspace, handlers, mock } from 'pachca-sdk/msw';
${MOCKED}`;
    expect(JSON.parse(await runScript('msw.mjs', source, MSW_TIMEOUT.timeout))).toEqual(MOCKED_RESULT);
  });

  it('works through require (CommonJS)', MSW_TIMEOUT, async () => {
    const source = `const { setupServer } = require('msw/node');
const { Pachca, PachcaNotFoundError } = require('pachca-sdk');
const { createWorkspace, handlers, mock } = require('pachca-sdk/msw');
(async () => {${MOCKED}})();`;
    expect(JSON.parse(await runScript('msw.cjs', source, MSW_TIMEOUT.timeout))).toEqual(MOCKED_RESULT);
  });

  it('is never loaded by pachca-sdk itself', TIMEOUT, async () => {
    const source = `require('pachca-sdk');
console.log(JSON.stringify(Object.keys(require.cache).filter((path) => /[\\/]node_modules[\\/]msw[\\/]/.test(path))));`;
    expect(JSON.parse(await runScript('no-msw.cjs', source))).toEqual([]);
    // The ESM and browser builds and their chunks name no msw module either, and hold none of the
    // emulator's engine (its control paths are under /__emulator/).
    const dist = join(project, 'node_modules/pachca-sdk/dist');
    const sdkFiles = readdirSync(dist).filter((name) => /^(index|chunk-|browser-)/.test(name));
    expect(sdkFiles).toContain('index.browser.js');
    for (const name of sdkFiles) {
      const code = readFileSync(join(dist, name), 'utf8');
      expect(code, name).not.toMatch(/["']msw(\/[\w/]*)?["']/);
      expect(code, name).not.toContain('__emulator');
    }
    expect(readFileSync(join(dist, 'msw.js'), 'utf8')).toContain('__emulator');
  });
});
