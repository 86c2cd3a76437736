import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, initiativeDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { UpdateInitiativeDto } from './initiative.dto';

export class UpdateInitiativeCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly initiativeId: string,
    readonly input: UpdateInitiativeDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateInitiativeCommand)
export class UpdateInitiativeHandler implements ICommandHandler<UpdateInitiativeCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async execute({ context, initiativeId, input }: UpdateInitiativeCommand): Promise<WriteResult> {
    await this.facts.user(context, input.ownerId, 'ownerId');
    const keyResults = input.keyResultIds === undefined ? undefined : await this.facts.linkableKeyResults(context, input.keyResultIds);
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.initiative, initiativeId), initiativeDecider)
      .execute(
        context,
        () => ({
          type: 'UpdateInitiative',
          now: context.now.toISOString(),
          data: { initiativeId, title: input.title, ownerId: input.ownerId, status: input.status, keyResults },
        }),
        { notFound: () => new NotFoundError('initiative.not_found', `Initiative ${initiativeId} not found`) },
      );
    return { version, position };
  }
}
