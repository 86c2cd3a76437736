import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, initiativeDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Directory } from '../application/directory';
import { ReferenceChecker } from '../application/reference-checker';
import { StreamExecutor } from '../application/stream-executor';
import { UpdateInitiativeDto } from './initiative.dto';
import { linkableKeyResults } from './linkable-key-results';

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
    private readonly directory: Directory,
    private readonly references: ReferenceChecker,
  ) {}

  async execute({ context, initiativeId, input }: UpdateInitiativeCommand): Promise<WriteResult> {
    const tenantId = context.principal.tenantId;
    await this.references.user(input.ownerId, tenantId, 'ownerId');
    const keyResults =
      input.keyResultIds === undefined ? undefined : await linkableKeyResults(this.directory, input.keyResultIds, tenantId);
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
