import { CommandName } from './arguments';
import { CliCommand } from './command';
import { diffCommand } from './diff.command';
import { exportCommand } from './export.command';
import { replayCommand } from './replay.command';
import { timeSeriesCommand } from './timeseries.command';
import { verifyCommand } from './verify.command';

/** Every command by name. */
export const COMMAND_TABLE: Record<CommandName, CliCommand> = {
  replay: replayCommand,
  diff: diffCommand,
  timeseries: timeSeriesCommand,
  verify: verifyCommand,
  export: exportCommand,
};
