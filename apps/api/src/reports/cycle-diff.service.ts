import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, StreamCategory, streamName, upcastData } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { KeyResultDocument, ObjectiveDocument } from '@okr/projections';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { PointInTimeQueries } from '../point-in-time/point-in-time.service';
import { ReadModels, findAll } from '../read-side/read-models';
import { CycleDiffBody, DiffSide, RecordedChange, diffCycle } from './cycle-diff';

/**
 * GET /api/cycles/:id/diff?from=T1&to=T2: the cycle as recorded at T1 and at T2 (both replayed, see
 * PointInTimeQueries) and what changed between them.
 */
@Injectable()
export class CycleDiffService {
  constructor(
    private readonly pointInTime: PointInTimeQueries,
    private readonly live: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async diff(tenantId: string, cycleId: string, from: string, to: string): Promise<{ cycleId: string; from: string; to: string } & CycleDiffBody> {
    if (!(Date.parse(from) < Date.parse(to))) throw new InvalidRequestException([{ field: 'to', message: 'to must be later than from' }]);
    const before = await this.pointInTime.readModelsAt(from, 'from');
    const after = await this.pointInTime.readModelsAt(to, 'to');
    const afterSide = await this.side(after.models, after.instant, tenantId, cycleId);
    if (!afterSide) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    const beforeSide = await this.side(before.models, before.instant, tenantId, cycleId);
    const body = diffCycle(beforeSide, afterSide);
    await this.attachWhoAndWhy(tenantId, body, before.instant, after.instant);
    return { cycleId, from: new Date(before.instant).toISOString(), to: new Date(after.instant).toISOString(), ...body };
  }

  /** Who changed each target and weight between the instants, and why: from the key results' own streams. */
  private async attachWhoAndWhy(tenantId: string, body: CycleDiffBody, from: number, to: number): Promise<void> {
    const wanted: [CycleDiffBody['keyResults']['targetChanged'], string, string][] = [
      [body.keyResults.targetChanged, 'KeyResultTargetChanged', 'target'],
      [body.keyResults.weightChanged, 'KeyResultWeightChanged', 'weight'],
    ];
    const actors = new Set<string>();
    for (const [entries, type, field] of wanted) {
      for (const entry of entries) {
        const changes: RecordedChange[] = [];
        for (const event of await this.events.readStream(streamName(StreamCategory.keyResult, entry.id))) {
          const at = Date.parse(event.metadata.recordedAt);
          if (event.type !== type || at <= from || at > to) continue;
          const data = upcastData(event) as Record<string, unknown>;
          const previous = `previous${field[0].toUpperCase()}${field.slice(1)}`;
          changes.push({
            position: event.position,
            recordedAt: event.metadata.recordedAt,
            actor: { id: event.metadata.actorId, name: event.metadata.actorId },
            from: data[previous] as number,
            to: data[field] as number,
            ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
          });
          actors.add(event.metadata.actorId);
        }
        entry.changes = changes;
      }
    }
    const users = await (await this.live.users()).getMany([...actors]);
    const names = new Map(users.filter((u) => u.tenantId === tenantId).map((u) => [u.id, u.name]));
    for (const [entries] of wanted) for (const entry of entries) for (const change of entry.changes ?? []) change.actor.name = names.get(change.actor.id) ?? change.actor.id;
  }

  private async side(models: ReadModels, instant: number, tenantId: string, cycleId: string): Promise<DiffSide | null> {
    const cycle = await (await models.cycles()).get(cycleId);
    if (!cycle || cycle.tenantId !== tenantId) return null;
    const objectives = await findAll<ObjectiveDocument>(await models.objectives(), { cycleId }, [{ field: 'createdPosition', direction: 'asc' }]);
    const keyResults = await findAll<KeyResultDocument>(await models.keyResults(), { cycleId });
    return { instant, cycle, objectives, keyResults };
  }
}
