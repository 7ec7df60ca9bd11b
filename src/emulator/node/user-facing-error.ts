// An error meant for the person at the terminal (a busy port, a bad flag, a state file that does
// not load): printed as one line, with no stack.
export class UserFacingError extends Error {}
