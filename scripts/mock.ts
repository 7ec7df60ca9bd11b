// `npm run mock`: the mock server alone, on 127.0.0.1:4010 (MOCK_PORT or --port to change it): the
// emulator by default (src/emulator/node/, the server `pachca emulator` runs), or Prism's mock of
// openapi/openapi.yaml answering from the spec's examples (--examples) or with generated data
// (--dynamic). Each sends CORS headers so a page on another origin can call it.
import { parseArgs } from 'node:util';
import { curlExample } from '../src/emulator/node/banner.js';
import { portOf } from '../src/emulator/node/port.js';
import { MODE_FLAGS, MODE_HELP, readMockMode, startMockMode } from './lib/mock-modes.js';
import { assertPortFree, HOST } from './lib/ports.js';
import { onShutdown } from './lib/processes.js';
import { runMain } from './lib/run-main.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      ...MODE_FLAGS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run mock -- [--port <n>] [--examples | --dynamic] [emulator flags]\n\n' +
        '  --port <n>       port on 127.0.0.1 (default 4010, or MOCK_PORT)\n\n' +
        MODE_HELP,
    );
    return;
  }
  const mode = readMockMode(values);
  const port = portOf(values.port, process.env);
  await assertPortFree(HOST, port, 'mock server', '--port or MOCK_PORT');
  const mock = await startMockMode(mode, { port });
  onShutdown(mock.stop);
  mock.onCrash((code) => {
    console.error(`mock: the mock server stopped unexpectedly (code ${code})`);
    process.exit(1);
  });
  console.log(`Mock server (${mock.summary}): ${mock.url}`);
  for (const line of mock.details) console.log(line);
  console.log(`Try: ${curlExample(mock.url)}`);
  console.log('Press Ctrl-C to stop.');
}

runMain('mock', main);
