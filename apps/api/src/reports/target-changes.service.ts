import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, StreamCategory, eventsOf, streamName, upcastData } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { KeyResultDocument, ObjectiveDocument } from '@okr/projections';
import { EVENT_STORE, ReadModels, findAll } from '@okr/platform';
import { MovedGoalposts, TargetChange, scoreGoalposts } from './target-changes';

const isTargetChange = eventsOf(['KeyResultTargetChanged']);

/**
 * GET /api/cycles/:id/target-changes ("goalposts moved"): every live key result of the cycle whose target
 * changed, scored against its original and its current target, with each change (who, when, why) read from
 * the key result's own stream.
 */
@Injectable()
export class TargetChangesService {
  constructor(
    private readonly models: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async forCycle(tenantId: string, cycleId: string): Promise<{ cycleId: string; keyResults: MovedGoalposts[] }> {
    const cycle = await (await this.models.cycles()).get(cycleId);
    if (!cycle || cycle.tenantId !== tenantId) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    const moved = (await findAll<KeyResultDocument>(await this.models.keyResults(), { cycleId })).filter(
      (kr) => !kr.removed && kr.targetChanges > 0,
    );
    const objectives = new Map(
      (await (await this.models.objectives()).getMany([...new Set(moved.map((kr) => kr.objectiveId))])).map((o: ObjectiveDocument) => [
        o.id,
        o,
      ]),
    );
    const changesByKr = new Map<string, TargetChange[]>();
    for (const kr of moved) {
      const changes: TargetChange[] = [];
      for (const stored of await this.events.readStream(streamName(StreamCategory.keyResult, kr.id))) {
        const event = { ...stored, data: upcastData(stored) };
        if (!isTargetChange(event)) continue;
        const { data } = event;
        changes.push({
          position: event.position,
          recordedAt: event.metadata.recordedAt,
          actor: { id: event.metadata.actorId, name: event.metadata.actorId },
          from: data.previousTarget,
          to: data.target,
          reason: data.reason,
        });
      }
      changesByKr.set(kr.id, changes);
    }
    const byId = new Map(moved.map((kr) => [kr.id, kr]));
    const actorIds = [...new Set([...changesByKr.values()].flat().map((c) => c.actor.id))];
    const names = new Map(
      (await (await this.models.users()).getMany(actorIds)).filter((u) => u.tenantId === tenantId).map((u) => [u.id, u.name]),
    );
    const keyResults: MovedGoalposts[] = [];
    for (const [id, changes] of changesByKr) {
      const kr = byId.get(id)!;
      for (const change of changes) change.actor.name = names.get(change.actor.id) ?? change.actor.id;
      const objective = objectives.get(kr.objectiveId);
      keyResults.push({
        keyResultId: kr.id,
        title: kr.title,
        objective: { id: kr.objectiveId, title: objective?.title ?? kr.objectiveId },
        metric: kr.metric.type,
        current: kr.current,
        originalTarget: kr.originalTarget,
        currentTarget: kr.metric.target,
        ...scoreGoalposts(kr.metric, kr.originalTarget, kr.current),
        changes,
      });
    }
    // Biggest effect on the score first, then by key result id.
    keyResults.sort((a, b) => Math.abs(b.shift) - Math.abs(a.shift) || (a.keyResultId < b.keyResultId ? -1 : 1));
    return { cycleId, keyResults };
  }
}
