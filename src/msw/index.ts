// pachca-sdk/msw: MSW request handlers for every operation of the spec, for tests, Storybook and
// in-browser mocking without a server. Generated from the same spec as the SDK and the Prism mock:
//   setupServer(...handlers())                 every operation, answering its first success example
//   server.use(mock.getUser({ status: 404 }))  one operation answering a declared response
//   setupServer(...createWorkspace().handlers)  a stateful workspace: the emulator's engine in-process
import type { HttpHandler } from 'msw';
import { mswOperations } from '../../generated/msw.js';
import { createHandler } from './handler.js';
import type { HandlersOptions, Mock, MockedOperationId } from './types.js';

export type * from './types.js';
export type { FieldError } from './validate.js';
export type { Workspace, WorkspaceFaultMatch, WorkspaceOptions } from './workspace.js';
export type { PersistTo } from './persist.js';
export type { Fault, WorkspaceState } from '../emulator/index.js';
export { createWorkspace } from './workspace.js';
export { EMULATOR_TOKENS, EmulatorStateError } from '../emulator/index.js';

const ids = Object.keys(mswOperations) as MockedOperationId[];

/** A handler for every operation, each answering the first example of its success response. */
export function handlers(options: HandlersOptions = {}): HttpHandler[] {
  return ids.map((id) => createHandler(id, { baseUrl: options.baseUrl }));
}

/** One function per operationId: the handler of that operation, answering what you choose. */
export const mock = Object.fromEntries(
  ids.map((id) => [id, (options = {}) => createHandler(id, options)]),
) as unknown as Mock;
