import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
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
    private readonly facts: Facts,
  ) {}

  async execute({ context, objectiveId, input }: CloseObjectiveCommand): Promise<WriteResult & { score: number }> {
    const objective = await this.facts.objective(context, objectiveId);
    const cycle = await this.facts.cycle(context, objective.cycleId);
    const keyResults = await this.facts.keyResultsForScoring(context, objectiveId);
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
