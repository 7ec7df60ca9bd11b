// `npm start`: everything a frontend developer or API reader needs, one command.
//   - the mock server on 127.0.0.1:4010 (MOCK_PORT / --mock-port), CORS on: the emulator
//     (src/emulator/node/), or Prism's mock with --examples or --dynamic (scripts/lib/mock-modes.ts);
//   - the API docs (dist/docs/index.html) and the bundled spec on 127.0.0.1:8080 (DOCS_PORT / --docs-port),
//     their request console set to this mock server and its owner's token (`test-token`).
// Ctrl-C or SIGTERM stops both.
import { parseArgs } from 'node:util';
import type { Server } from 'node:http';
import { buildDocs, DIST } from './build-docs.js';
import { curlExample } from '../src/emulator/node/banner.js';
import { DEFAULT_PORT as DEFAULT_MOCK_PORT } from '../src/emulator/node/port.js';
import { MODE_FLAGS, MODE_HELP, readMockMode, startMockMode, type RunningMock } from './lib/mock-modes.js';
import { assertPortFree, HOST, parsePort, UserFacingError } from './lib/ports.js';
import { onShutdown } from './lib/processes.js';
import { runMain } from './lib/run-main.js';
import { LOCAL_TOKEN, localConsoleScript } from './lib/scalar-page.js';
import { serveStatic } from './lib/static-server.js';

const DEFAULT_DOCS_PORT = 8080;
const DOCS_HOME = '/docs/';

const HELP = `Usage: npm start -- [--mock-port <n>] [--docs-port <n>] [--examples | --dynamic] [emulator flags]

Starts the mock server and serves the API docs, both on ${HOST}.

  --mock-port <n>  mock server port (default ${DEFAULT_MOCK_PORT}, or MOCK_PORT)
  --docs-port <n>  docs server port (default ${DEFAULT_DOCS_PORT}, or DOCS_PORT)

${MODE_HELP}`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      'mock-port': { type: 'string' },
      'docs-port': { type: 'string' },
      ...MODE_FLAGS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = (flag: 'mock-port' | 'docs-port', env: string, fallback: number) => {
    const fromFlag = values[flag];
    if (fromFlag !== undefined) return parsePort(fromFlag, `--${flag}`);
    const fromEnv = process.env[env];
    return fromEnv ? parsePort(fromEnv, env) : fallback;
  };
  return {
    help: values.help ?? false,
    mode: readMockMode(values),
    mockPort: port('mock-port', 'MOCK_PORT', DEFAULT_MOCK_PORT),
    docsPort: port('docs-port', 'DOCS_PORT', DEFAULT_DOCS_PORT),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) return console.log(HELP);
  if (options.mockPort === options.docsPort)
    throw new UserFacingError(`the mock and the docs need two different ports (both are ${options.mockPort})`);
  // Checked first: a busy port should fail in a blink, before any build.
  await assertPortFree(HOST, options.mockPort, 'mock server', '--mock-port or MOCK_PORT');
  await assertPortFree(HOST, options.docsPort, 'docs server', '--docs-port or DOCS_PORT');

  const aborted = new AbortController();
  let mock: RunningMock | undefined;
  let docs: Server | undefined;
  let startup: Promise<unknown> = Promise.resolve();
  const stopAll = async () => {
    aborted.abort();
    await startup; // a half-started Prism or docs build stops itself on abort
    docs?.closeAllConnections();
    docs?.close();
    await mock?.stop();
  };
  onShutdown(async () => {
    console.log('\nStopping the mock and docs servers…');
    await stopAll();
  });

  console.log('Building the API docs and starting the mock server…');
  // The mock starts while the docs build.
  const mockReady = startMockMode(options.mode, {
    port: options.mockPort,
    log: (line) => console.log(`mock │ ${line}`),
    signal: aborted.signal,
  }).then((started) => (mock = started));
  // The pages it serves send their console's requests to this emulator, with its owner's token.
  const headHtml = localConsoleScript({ serverUrl: `http://${HOST}:${options.mockPort}`, token: LOCAL_TOKEN });
  const docsReady = buildDocs({ signal: aborted.signal })
    .then(() => serveStatic(DIST, { host: HOST, port: options.docsPort, home: DOCS_HOME, headHtml }))
    .then((server) => (docs = server));
  const settled = Promise.allSettled([mockReady, docsReady]);
  startup = settled;
  const failed = (await settled).find((r) => r.status === 'rejected');
  if (failed) {
    if (aborted.signal.aborted) return; // stopped by a signal while starting: onShutdown exits
    await stopAll();
    throw failed.reason;
  }

  mock!.onCrash(async (code) => {
    console.error(`start: the mock server stopped unexpectedly (code ${code}); stopping the docs server too`);
    await stopAll();
    process.exit(1);
  });

  const docsUrl = `http://${HOST}:${options.docsPort}`;
  console.log(`
Ready in ${process.uptime().toFixed(1)} s.

  Mock server  ${mock!.url}  (${mock!.summary}, CORS on)
  API docs     ${docsUrl}${DOCS_HOME}  (spec: ${docsUrl}/openapi.yaml, ${docsUrl}/openapi.json)
  in Russian   ${docsUrl}${DOCS_HOME}ru/  (spec: ${docsUrl}/openapi.ru.yaml, ${docsUrl}/openapi.ru.json)

${mock!.details.map((line) => `  ${line}`).join('\n')}

Try the mock:
  ${curlExample(mock!.url)}

Press Ctrl-C to stop.
`);
}

runMain('start', main);
