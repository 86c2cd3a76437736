import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { FactsLoader } from '../application/facts-loader';
import { ReferenceChecker } from '../application/reference-checker';
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
    private readonly facts: FactsLoader,
    private readonly references: ReferenceChecker,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateObjectiveCommand): Promise<CreateResult> {
    const tenantId = context.principal.tenantId;
    const cycle = (await this.facts.cycle(input.cycleId, tenantId, 'cycleId')).state;
    await this.references.user(input.ownerId, tenantId, 'ownerId');
    await this.references.team(input.teamId, tenantId, 'teamId');
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
