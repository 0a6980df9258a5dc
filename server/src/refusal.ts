/**
 * A reason not to start, worded for the operator reading the log: what is wrong and what to do.
 * `main` prints it as one log line instead of a stack trace.
 */
export class StartupRefusal extends Error {}
