import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { KeyResultCommandRunner } from './key-result-command.runner';
import { CheckInDto } from './key-result.dto';

export class CheckInCommand extends Command<WriteResult & { id: string }> {
  constructor(
    readonly context: CommandContext,
    readonly keyResultId: string,
    readonly input: CheckInDto,
  ) {
    super();
  }
}

@CommandHandler(CheckInCommand)
export class CheckInHandler implements ICommandHandler<CheckInCommand> {
  constructor(
    private readonly runner: KeyResultCommandRunner,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, keyResultId, input }: CheckInCommand): Promise<WriteResult & { id: string }> {
    const checkInId = this.contexts.newId(context);
    const result = await this.runner.run(keyResultId, context, (krContext, now) => [
      {
        type: 'CheckInKeyResult',
        now,
        data: {
          keyResultId,
          checkInId,
          value: input.value,
          confidence: input.confidence,
          note: input.note,
          effectiveAt: input.effectiveAt,
        },
        context: krContext,
      },
    ]);
    return { id: checkInId, ...result };
  }
}
