// Public surface of pachca-sdk: the client, its errors, pagination and the spec's types.
export { Pachca, DEFAULT_BASE_URL, type PachcaOptions } from './core/client.js';
export * from './core/errors.js';
export { Page, PagePromise } from './core/pagination.js';
export type { RateLimit } from './core/rate-limiter.js';
export type { Logger, LogLevel } from './core/log-settings.js';
export type { OperationInput } from './core/operation.js';
export type * from './core/types.js';
export type * from '../generated/resources.js';
export { operations } from '../generated/operations.js';
export { VERSION } from '../generated/version.js';
