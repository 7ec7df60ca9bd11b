// Public surface of pachca-sdk: the client, its errors and the spec's types.
export * from './core/errors.js';
export { Page, PagePromise } from './core/pagination.js';
export type * from './core/types.js';
