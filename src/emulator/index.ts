// The Pachca emulator's engine: a workspace in memory that every operation of the spec reads and
// changes as the API does. It uses only what browsers have (Request, Response, URL, crypto), so
// the same engine serves the Node emulator (src/emulator/node/, `pachca emulator`) and runs inside MSW.
//   const emulator = createEmulator({ users: 120, seed: 1 });
//   const response = await emulator.handle(new Request('http://x/profile', { headers: { Authorization: 'Bearer test-token' } }));
import { createEngine } from './engine.js';
import { HANDLERS } from './handlers/index.js';
import type { Emulator, EmulatorOptions } from './types.js';

export type * from './types.js';
export { EMULATOR_TOKENS } from './tokens.js';
export { EmulatorStateError, STATE_VERSION } from './state-document.js';
export { CONTROL_PREFIX } from './control.js';

/** A new emulator with its seeded workspace. Throws a RangeError for options out of range. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return createEngine(options, { handlers: HANDLERS });
}
