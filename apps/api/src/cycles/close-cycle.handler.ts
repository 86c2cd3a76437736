import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, RuleViolationError, StreamCategory, cycleDecider, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';

export interface CloseCycleResult extends WriteResult {
  closedObjectiveIds: string[];
}

export class CloseCycleCommand extends Command<CloseCycleResult> {
  constructor(
    readonly context: CommandContext,
    readonly cycleId: string,
  ) {
    super();
  }
}

/**
 * Closes a cycle, then closes and scores each of its open objectives (reason 'cycle_closed', caused by the
 * CycleClosed event). If the process stops half-way, closing the cycle again finishes the sweep.
 */
@CommandHandler(CloseCycleCommand)
export class CloseCycleHandler implements ICommandHandler<CloseCycleCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, cycleId }: CloseCycleCommand): Promise<CloseCycleResult> {
    const stream = streamName(StreamCategory.cycle, cycleId);
    const cycle = await this.executor.load(stream, cycleDecider, context.principal.tenantId);
    if (!cycle.state.exists) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    // Nothing to append when the cycle is closed already, unless this is the retry of the request that closed it
    // (same Idempotency-Key): then the executor answers with that closing.
    const closing = await this.executor
      .stream(stream, cycleDecider)
      .execute(context, (state) =>
        state.exists && state.status === 'open' ? { type: 'CloseCycle', now: context.now.toISOString(), data: { cycleId } } : [],
      );
    // The objectives' closing is caused by the CycleClosed event (also when finishing an interrupted sweep).
    const cause = (await this.executor.readStream(stream)).find((e) => e.type === 'CycleClosed')?.metadata.eventId;
    const swept = await this.sweep(cycleId, context, cause ?? context.commandId);
    if (closing.events.length === 0 && swept.closedObjectiveIds.length === 0) {
      throw new RuleViolationError('cycle.closed', `Cycle '${cycle.state.name}' is already closed`);
    }
    // position: the last event written by the whole command, so a reader can wait for all of it.
    return {
      version: closing.version,
      position: Math.max(closing.position, swept.position),
      closedObjectiveIds: swept.closedObjectiveIds,
    };
  }

  private async sweep(
    cycleId: string,
    parent: CommandContext,
    causationId: string,
  ): Promise<{ closedObjectiveIds: string[]; position: number }> {
    const closed: string[] = [];
    let position = 0;
    for (const objectiveId of await this.facts.openObjectivesOf(parent, cycleId)) {
      const context = this.contexts.derived(parent, causationId);
      const keyResults = await this.facts.keyResultsForScoring(context, objectiveId);
      const outcome = await this.executor
        .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
        .execute(context, (state) =>
          state.exists && state.status === 'open'
            ? {
                type: 'CloseObjective',
                now: context.now.toISOString(),
                data: { objectiveId, reason: 'cycle_closed' },
                context: { cycle: { id: cycleId, status: 'closed' }, keyResults },
              }
            : [],
        );
      if (outcome.events.length > 0) {
        closed.push(objectiveId);
        position = outcome.position;
      }
    }
    return { closedObjectiveIds: closed, position };
  }
}
