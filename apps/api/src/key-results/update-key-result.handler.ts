import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError, KeyResultCommand } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { KeyResultCommandRunner } from './key-result-command.runner';
import { UpdateKeyResultDto } from './key-result.dto';

export class UpdateKeyResultCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly keyResultId: string,
    readonly input: UpdateKeyResultDto,
  ) {
    super();
  }
}

/** Renames, moves the target (with a reason), re-weights and/or sets the check-in cadence of a key result, in one atomic append. */
@CommandHandler(UpdateKeyResultCommand)
export class UpdateKeyResultHandler implements ICommandHandler<UpdateKeyResultCommand> {
  constructor(private readonly runner: KeyResultCommandRunner) {}

  execute({ context, keyResultId, input }: UpdateKeyResultCommand): Promise<WriteResult> {
    if (input.target !== undefined && input.reason === undefined) {
      throw new InvalidInputError('key_result.reason_required', 'A new target needs a reason', 'reason');
    }
    if (input.reason !== undefined && input.target === undefined) {
      throw new InvalidInputError('key_result.reason_without_target', 'reason goes with a new target', 'reason');
    }
    return this.runner.run(keyResultId, context, (krContext, now) => {
      const commands: KeyResultCommand[] = [];
      if (input.title !== undefined)
        commands.push({ type: 'RenameKeyResult', now, data: { keyResultId, title: input.title }, context: krContext });
      if (input.target !== undefined) {
        commands.push({
          type: 'ChangeKeyResultTarget',
          now,
          data: { keyResultId, target: input.target, reason: input.reason ?? '' },
          context: krContext,
        });
      }
      if (input.weight !== undefined)
        commands.push({ type: 'ChangeKeyResultWeight', now, data: { keyResultId, weight: input.weight }, context: krContext });
      if (input.checkInCadence !== undefined) {
        commands.push({
          type: 'ChangeKeyResultCheckInCadence',
          now,
          data: { keyResultId, checkInCadence: input.checkInCadence },
          context: krContext,
        });
      }
      return commands;
    });
  }
}
