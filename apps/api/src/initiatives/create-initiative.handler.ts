import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, initiativeDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { CreateInitiativeDto } from './initiative.dto';

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
    private readonly facts: Facts,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateInitiativeCommand): Promise<CreateResult> {
    await this.facts.user(context, input.ownerId, 'ownerId');
    const keyResults = await this.facts.linkableKeyResults(context, input.keyResultIds);
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
