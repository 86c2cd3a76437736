import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { FactsLoader } from '../application/facts-loader';
import { ReferenceChecker } from '../application/reference-checker';
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
    private readonly facts: FactsLoader,
    private readonly references: ReferenceChecker,
  ) {}

  async execute({ context, objectiveId, input }: UpdateObjectiveCommand): Promise<WriteResult> {
    const tenantId = context.principal.tenantId;
    const objective = (await this.facts.objective(objectiveId, tenantId)).state;
    const cycle = (await this.facts.cycle(objective.cycleId, tenantId)).state;
    await this.references.user(input.ownerId, tenantId, 'ownerId');
    await this.references.team(input.teamId, tenantId, 'teamId');
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
