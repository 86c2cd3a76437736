import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { StreamExecutor } from '../application/stream-executor';

export class ArchiveObjectiveCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
  ) {
    super();
  }
}

@CommandHandler(ArchiveObjectiveCommand)
export class ArchiveObjectiveHandler implements ICommandHandler<ArchiveObjectiveCommand> {
  constructor(private readonly executor: StreamExecutor) {}

  async execute({ context, objectiveId }: ArchiveObjectiveCommand): Promise<WriteResult> {
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
      .execute(context, () => ({ type: 'ArchiveObjective', now: context.now.toISOString(), data: { objectiveId } }), {
        notFound: () => new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`),
      });
    return { version, position };
  }
}
