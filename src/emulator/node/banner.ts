// What the emulator prints once it serves: what runs, its tokens, its control endpoints, and a
// line to paste. `pachca emulator`, `npm run mock` and `npm start` print the same lines.
import { CONTROL_PREFIX, EMULATOR_TOKENS } from '../index.js';
import { DEFAULT_USERS } from '../seed.js';
import type { EmulatorSettings } from './options.js';
import type { EmulatorServer } from './server.js';

/** The line a person pastes to see the emulator answer. */
export const curlExample = (url: string) => `curl -H "Authorization: Bearer test-token" ${url}/profile`;

function tokenLines(): string[] {
  const width = Math.max(...Object.keys(EMULATOR_TOKENS).map((t) => t.length));
  return Object.entries(EMULATOR_TOKENS).map(([token, who]) => `    ${token.padEnd(width)}  ${who}`);
}

/** The lines that describe a running emulator, after its URL. */
export function emulatorDetails(server: EmulatorServer, { engine, stateFile }: EmulatorSettings): string[] {
  const { users = DEFAULT_USERS, seed = 1, rateLimit } = engine;
  const { unimplemented } = server.emulator;
  // A loaded file is whatever workspace was saved in it, not what the seed flags would make.
  const workspace = stateFile ? `loaded from ${stateFile}` : `of ${users} users (seed ${seed})`;
  return [
    `Mode: emulator, a stateful workspace ${workspace}; every request and answer is checked against the spec`,
    ...(stateFile ? [`State file: ${stateFile} (every write is saved before it is answered)`] : []),
    ...(rateLimit ? [`Rate limit: ${rateLimit} requests per second per token`] : []),
    'Tokens (Authorization: Bearer <token>):',
    ...tokenLines(),
    `Control: ${server.url}${CONTROL_PREFIX} (reset, state, requests, faults, clock, outbox)`,
    `Not implemented (they answer their spec examples): ${unimplemented.length > 0 ? unimplemented.join(', ') : 'none'}`,
  ];
}
