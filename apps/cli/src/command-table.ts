import { CommandName } from './arguments';
import { CliCommand } from './commands/command';
import { diffCommand } from './commands/diff.command';
import { exportCommand } from './commands/export.command';
import { replayCommand } from './commands/replay.command';
import { timeSeriesCommand } from './commands/timeseries.command';
import { verifyCommand } from './commands/verify.command';

/** Every command by name. */
export const COMMAND_TABLE: Record<CommandName, CliCommand> = {
  replay: replayCommand,
  diff: diffCommand,
  timeseries: timeSeriesCommand,
  verify: verifyCommand,
  export: exportCommand,
};
