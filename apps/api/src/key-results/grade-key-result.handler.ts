import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../application/command-context';
import { KeyResultCommandRunner } from './key-result-command.runner';
import { GradeDto } from './key-result.dto';

export class GradeKeyResultCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly keyResultId: string,
    readonly input: GradeDto,
  ) {
    super();
  }
}

@CommandHandler(GradeKeyResultCommand)
export class GradeKeyResultHandler implements ICommandHandler<GradeKeyResultCommand> {
  constructor(private readonly runner: KeyResultCommandRunner) {}

  execute({ context, keyResultId, input }: GradeKeyResultCommand): Promise<WriteResult> {
    return this.runner.run(keyResultId, context, (krContext, now) => [
      { type: 'GradeKeyResult', now, data: { keyResultId, score: input.score }, context: krContext },
    ]);
  }
}
