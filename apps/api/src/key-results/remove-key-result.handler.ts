import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../application/command-context';
import { KeyResultCommandRunner } from './key-result-command.runner';

export class RemoveKeyResultCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly keyResultId: string,
  ) {
    super();
  }
}

@CommandHandler(RemoveKeyResultCommand)
export class RemoveKeyResultHandler implements ICommandHandler<RemoveKeyResultCommand> {
  constructor(private readonly runner: KeyResultCommandRunner) {}

  execute({ context, keyResultId }: RemoveKeyResultCommand): Promise<WriteResult> {
    return this.runner.run(keyResultId, context, (krContext, now) => [
      { type: 'RemoveKeyResult', now, data: { keyResultId }, context: krContext },
    ]);
  }
}
