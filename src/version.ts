// Kept in step with package.json by test/unit/version.test.ts; sent in the User-Agent.
export const VERSION = '0.1.0';
