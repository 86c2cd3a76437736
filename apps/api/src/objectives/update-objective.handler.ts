import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { UpdateObjectiveDto } from './objective.dto';

export class UpdateObjectiveCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
    readonly input: UpdateObjectiveDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateObjectiveCommand)
export class UpdateObjectiveHandler implements ICommandHandler<UpdateObjectiveCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async execute({ context, objectiveId, input }: UpdateObjectiveCommand): Promise<WriteResult> {
    const objective = await this.facts.objective(context, objectiveId);
    const cycle = await this.facts.cycle(context, objective.cycleId);
    await this.facts.user(context, input.ownerId, 'ownerId');
    await this.facts.team(context, input.teamId, 'teamId');
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
      .execute(context, () => ({
        type: 'EditObjective',
        now: context.now.toISOString(),
        data: {
          objectiveId,
          changes: { title: input.title, description: input.description, ownerId: input.ownerId, teamId: input.teamId, kind: input.kind },
        },
        context: { cycle: { id: cycle.id, status: cycle.status } },
      }));
    return { version, position };
  }
}
