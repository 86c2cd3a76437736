import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, initiativeDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Directory } from '../application/directory';
import { ReferenceChecker } from '../application/reference-checker';
import { StreamExecutor } from '../application/stream-executor';
import { CreateInitiativeDto } from './initiative.dto';
import { linkableKeyResults } from './linkable-key-results';

export class CreateInitiativeCommand extends Command<CreateResult> {
  constructor(
    readonly context: CommandContext,
    readonly input: CreateInitiativeDto,
  ) {
    super();
  }
}

@CommandHandler(CreateInitiativeCommand)
export class CreateInitiativeHandler implements ICommandHandler<CreateInitiativeCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly directory: Directory,
    private readonly references: ReferenceChecker,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateInitiativeCommand): Promise<CreateResult> {
    const tenantId = context.principal.tenantId;
    await this.references.user(input.ownerId, tenantId, 'ownerId');
    const keyResults = await linkableKeyResults(this.directory, input.keyResultIds, tenantId);
    const initiativeId = this.contexts.newId(context);
    const result = await this.executor
      .stream(streamName(StreamCategory.initiative, initiativeId), initiativeDecider)
      .execute(context, () => ({
        type: 'CreateInitiative',
        now: context.now.toISOString(),
        data: { initiativeId, title: input.title, ownerId: input.ownerId, keyResults },
      }));
    return { id: initiativeId, version: result.version, position: result.position };
  }
}
