// Exit codes: 0 all good, 1 some job failed (or a criterion failed), 2 bad input (arguments,
// configuration, a store that cannot be used: missing, damaged, full, read-only, newer), 3 the
// store is busy with another run (or locked past the busy timeout), 4 an internal error.
export const EXIT = { ok: 0, jobFailed: 1, badInput: 2, busy: 3, internal: 4 } as const;

/** A problem with what the user typed: the message names the option, the value and the fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
