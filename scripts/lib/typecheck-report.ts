// `npm test` type-checks the whole project in the package build's TypeScript program (vitest's
// global setup builds the package anyway), so src/ is checked once, not twice. The test runner
// names the file in this variable; the setup writes tsc's errors there, or nothing.
export const TYPECHECK_REPORT_ENV = 'PACHCA_TYPECHECK_REPORT';
