import type { ParsedCommandLine } from './arguments';
import type { OkrBackend } from './backend';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './output';

export type RunArguments = Extract<ParsedCommandLine, { kind: 'run' }>;

/** A command whose arguments were checked: it runs against a backend. */
export type PreparedCommand = (backend: OkrBackend, io: CliIo) => Promise<ExitCode>;

/** One CLI command: `prepare` checks its options (UsageError naming the bad one) before any store is opened. */
export interface CliCommand {
  usage: string;
  prepare(args: RunArguments): PreparedCommand;
}
