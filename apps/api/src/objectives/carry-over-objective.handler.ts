import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CarryOverObjective,
  ExistingKeyResult,
  StreamCategory,
  currentProgress,
  currentValue,
  keyResultDecider,
  objectiveDecider,
  streamName,
} from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { CarryOverDto } from './objective.dto';

export class CarryOverObjectiveCommand extends Command<CreateResult & { keyResultIds: string[] }> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
    readonly input: CarryOverDto,
  ) {
    super();
  }
}

/** Open key results are those still live, ungraded and not yet achieved. */
function isOpen(kr: ExistingKeyResult): boolean {
  return !kr.removed && kr.grade === null && currentProgress(kr).clamped < 1;
}

/**
 * Carries an objective into another cycle: a new objective linked to its origin, with the origin's open key
 * results copied (their current values become the new start). Writes the new streams first and the origin's
 * ObjectiveCarriedOver last, so a crash half-way never leaves the origin pointing at nothing.
 */
@CommandHandler(CarryOverObjectiveCommand)
export class CarryOverObjectiveHandler implements ICommandHandler<CarryOverObjectiveCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, objectiveId, input }: CarryOverObjectiveCommand): Promise<CreateResult & { keyResultIds: string[] }> {
    const now = context.now.toISOString();
    const o = await this.facts.objectiveState(context, objectiveId);
    const target = await this.facts.cycle(context, input.cycleId, 'cycleId');
    const openKeyResults = (await this.facts.keyResults(context, objectiveId)).filter(isOpen);
    const toObjectiveId = this.contexts.newId(context);
    const keyResultIds = openKeyResults.map(() => this.contexts.newId(context));
    const carry: CarryOverObjective = {
      type: 'CarryOverObjective',
      now,
      data: { objectiveId, toObjectiveId, keyResultIds },
      context: { targetCycle: { id: target.id, status: target.status } },
    };
    // Refuse before writing anything; unless the origin is carried over to this very objective already: a retry of
    // this request (same Idempotency-Key, hence the same new ids), answered from what the first attempt stored.
    if (!o.carriedOverTo.some((c) => c.objectiveId === toObjectiveId)) objectiveDecider.decide(carry, o);

    let last = await this.executor.stream(streamName(StreamCategory.objective, toObjectiveId), objectiveDecider).execute(context, () => ({
      type: 'CreateObjective',
      now,
      data: {
        objectiveId: toObjectiveId,
        title: o.title,
        description: o.description,
        ownerId: o.ownerId,
        teamId: o.teamId,
        kind: o.kind,
        carriedOverFrom: o.id,
      },
      context: { cycle: { id: target.id, status: target.status } },
    }));
    const krContext = {
      objective: { id: toObjectiveId, title: o.title, status: 'open' as const },
      cycle: { id: target.id, status: target.status, startsOn: target.startsOn, endsOn: target.endsOn },
    };
    for (const [index, kr] of openKeyResults.entries()) {
      const keyResultId = keyResultIds[index];
      const start = currentValue(kr);
      await this.executor.stream(streamName(StreamCategory.keyResult, keyResultId), keyResultDecider).execute(context, () => ({
        type: 'AddKeyResult',
        now,
        data: {
          keyResultId,
          title: kr.title,
          metric: { type: kr.metric.type, start, target: kr.metric.target, unit: kr.metric.unit },
          weight: kr.weight,
          ownerId: kr.ownerId,
          carriedOverFrom: kr.id,
          checkInCadence: kr.checkInCadence,
        },
        context: krContext,
      }));
    }
    const marked = await this.executor
      .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
      .execute(context, () => carry);
    last = { ...last, position: marked.position };
    return { id: toObjectiveId, version: last.version, position: last.position, keyResultIds };
  }
}
