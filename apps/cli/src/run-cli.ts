import { parseCommandLine } from './arguments';
import { OkrBackend } from './backend';
import { CliError, UsageError } from './cli-errors';
import { COMMAND_TABLE } from './command-table';
import { Connection, resolveConnection } from './connection';
import { ExitCode } from './exit-codes';
import { openBackend } from './open-backend';
import { CliIo } from './output';
import { commandUsage, generalUsage } from './usage';

/**
 * Runs one CLI invocation and resolves to its exit code; never throws. Output goes to `io` (the answers to
 * stdout; errors and progress to stderr). Errors: a bad command line → exit 2 with a message naming the option;
 * an expected failure → exit 1 with its message; anything else → exit 1 with its message (the stack with --debug).
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  open: (connection: Connection) => Promise<OkrBackend> = openBackend,
): Promise<ExitCode> {
  const debug = argv.includes('--debug');
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(parsed.command ? commandUsage(parsed.command) : generalUsage());
      return ExitCode.ok;
    }
    const connection = resolveConnection(parsed.options, env, parsed.command);
    const run = COMMAND_TABLE[parsed.command].prepare(parsed);
    const backend = await open(connection);
    try {
      return await run(backend, io);
    } finally {
      await backend.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `Error: ${error.message}\n${error.command ? `Usage: npm run okr -- help ${error.command}` : 'Usage: npm run okr -- help'}\n`,
      );
      return ExitCode.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`Error: ${error.message}\n`);
      return ExitCode.failure;
    }
    const detail =
      debug && error instanceof Error && error.stack
        ? error.stack
        : `${error instanceof Error ? error.message : String(error)} (--debug shows where)`;
    io.stderr.write(`Error: ${detail}\n`);
    return ExitCode.failure;
  }
}
