import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Directory } from '../application/directory';
import { FactsLoader } from '../application/facts-loader';
import { StreamExecutor } from '../application/stream-executor';
import { keyResultsForScoring } from './key-results-for-scoring';
import { CloseObjectiveDto } from './objective.dto';

export class CloseObjectiveCommand extends Command<WriteResult & { score: number }> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
    readonly input: CloseObjectiveDto,
  ) {
    super();
  }
}

@CommandHandler(CloseObjectiveCommand)
export class CloseObjectiveHandler implements ICommandHandler<CloseObjectiveCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: FactsLoader,
    private readonly directory: Directory,
  ) {}

  async execute({ context, objectiveId, input }: CloseObjectiveCommand): Promise<WriteResult & { score: number }> {
    const tenantId = context.principal.tenantId;
    const objective = (await this.facts.objective(objectiveId, tenantId)).state;
    const cycle = (await this.facts.cycle(objective.cycleId, tenantId)).state;
    const keyResults = await keyResultsForScoring(this.directory, this.facts, objectiveId, tenantId);
    const result = await this.executor.stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider).execute(context, () => ({
      type: 'CloseObjective',
      now: context.now.toISOString(),
      data: { objectiveId, score: input.score, reason: 'manual' },
      context: { cycle: { id: cycle.id, status: cycle.status }, keyResults },
    }));
    const state = result.state;
    return { version: result.version, position: result.position, score: state.exists && state.score !== null ? state.score : 0 };
  }
}
