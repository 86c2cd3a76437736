import { BackendUnavailableError } from './open-backends';

/**
 * Runs a command-line entry point: exits with the code it resolves to (0 when it resolves nothing); a failure
 * is printed after `failure` — only the message for an expected one (a backend that cannot be reached, or
 * what `expected` accepts), the stack otherwise — and exits with 1.
 */
export function runCommandLine(
  main: () => Promise<number | void>,
  failure: string,
  expected: (error: unknown) => boolean = () => false,
): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exit(code);
    },
    (error) => {
      const known = error instanceof BackendUnavailableError || expected(error);
      const detail = known && error instanceof Error ? error.message : error instanceof Error ? error.stack : String(error);
      process.stderr.write(`${failure}: ${detail}\n`);
      process.exit(1);
    },
  );
}
