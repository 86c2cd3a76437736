/** A bad command line (exit 2): the message names the option at fault. `command` selects the usage text shown after it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An expected failure (exit 1): only its message is printed, never a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
