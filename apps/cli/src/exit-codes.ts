/** Exit codes of the analyst CLI. */
export const ExitCode = {
  ok: 0,
  /** Anything else that went wrong (unreachable API, unknown id, a failure of the store…). */
  failure: 1,
  /** Bad command line: unknown command or option, missing or malformed value. */
  usage: 2,
  /** `verify` found a broken hash link. */
  broken: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
