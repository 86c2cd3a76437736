import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { CreateObjectiveDto } from './objective.dto';

export class CreateObjectiveCommand extends Command<CreateResult> {
  constructor(
    readonly context: CommandContext,
    readonly input: CreateObjectiveDto,
  ) {
    super();
  }
}

@CommandHandler(CreateObjectiveCommand)
export class CreateObjectiveHandler implements ICommandHandler<CreateObjectiveCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateObjectiveCommand): Promise<CreateResult> {
    const cycle = await this.facts.cycle(context, input.cycleId, 'cycleId');
    await this.facts.user(context, input.ownerId, 'ownerId');
    await this.facts.team(context, input.teamId, 'teamId');
    const objectiveId = this.contexts.newId(context);
    const result = await this.executor.stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider).execute(context, () => ({
      type: 'CreateObjective',
      now: context.now.toISOString(),
      data: {
        objectiveId,
        title: input.title,
        description: input.description,
        ownerId: input.ownerId,
        teamId: input.teamId,
        kind: input.kind,
      },
      context: { cycle: { id: cycle.id, status: cycle.status } },
    }));
    return { id: objectiveId, version: result.version, position: result.position };
  }
}
