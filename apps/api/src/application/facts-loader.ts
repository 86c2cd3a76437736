import { Injectable } from '@nestjs/common';
import {
  CycleState,
  ExistingKeyResult,
  ExistingObjective,
  KeyResultContext,
  NotFoundError,
  cycleDecider,
  keyResultDecider,
  objectiveDecider,
  StreamCategory,
  streamName,
} from '@okr/domain';
import { LoadedStream, StreamExecutor } from './stream-executor';

export type ExistingCycle = Extract<CycleState, { exists: true }>;

/**
 * Loads the streams a decision depends on besides its own (the cycle of an objective, the objective and
 * cycle of a key result), and turns "absent or another tenant's" into a 404 naming the field at fault.
 */
@Injectable()
export class FactsLoader {
  constructor(private readonly executor: StreamExecutor) {}

  async cycle(cycleId: string, tenantId: string, field?: string): Promise<LoadedStream<ExistingCycle>> {
    const loaded = await this.executor.load(streamName(StreamCategory.cycle, cycleId), cycleDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`, field);
    return loaded as LoadedStream<ExistingCycle>;
  }

  async objective(objectiveId: string, tenantId: string, field?: string): Promise<LoadedStream<ExistingObjective>> {
    const loaded = await this.executor.load(streamName(StreamCategory.objective, objectiveId), objectiveDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`, field);
    return loaded as LoadedStream<ExistingObjective>;
  }

  async keyResult(keyResultId: string, tenantId: string, field?: string): Promise<LoadedStream<ExistingKeyResult>> {
    const loaded = await this.executor.load(streamName(StreamCategory.keyResult, keyResultId), keyResultDecider, tenantId);
    if (!loaded.state.exists) throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`, field);
    return loaded as LoadedStream<ExistingKeyResult>;
  }

  /** The objective and cycle facts a key-result decision needs. */
  async keyResultContext(objectiveId: string, tenantId: string, field?: string): Promise<KeyResultContext> {
    const objective = (await this.objective(objectiveId, tenantId, field)).state;
    const cycle = (await this.cycle(objective.cycleId, tenantId)).state;
    return {
      objective: { id: objective.id, title: objective.title, status: objective.status },
      cycle: { id: cycle.id, status: cycle.status, startsOn: cycle.startsOn, endsOn: cycle.endsOn },
    };
  }
}
