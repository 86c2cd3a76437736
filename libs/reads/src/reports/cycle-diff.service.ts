import { Inject, Injectable } from '@nestjs/common';
import { StreamCategory, eventsOf, streamName, upcastData } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { EVENT_STORE, InvalidRequestException, ReadModels } from '@okr/platform';
import { PointInTimeQueries } from '../point-in-time/point-in-time.service';
import { CycleDiffBody, RecordedChange } from '../views/cycle-diff';

const isChange = eventsOf(['KeyResultTargetChanged', 'KeyResultWeightChanged']);

/**
 * GET /api/cycles/:id/diff?from=T1&to=T2: the cycle as recorded at T1 and at T2 (both replayed, see
 * PointInTimeQueries.cycleDiff: in the replaying worker on the embedded store) and what changed between them, with
 * who changed targets and weights, and why, from the key results' streams.
 */
@Injectable()
export class CycleDiffService {
  constructor(
    private readonly pointInTime: PointInTimeQueries,
    private readonly live: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async diff(
    tenantId: string,
    cycleId: string,
    from: string,
    to: string,
  ): Promise<{ cycleId: string; from: string; to: string } & CycleDiffBody> {
    if (!(Date.parse(from) < Date.parse(to))) throw new InvalidRequestException([{ field: 'to', message: 'to must be later than from' }]);
    const diff = await this.pointInTime.cycleDiff(tenantId, cycleId, from, to);
    await this.attachWhoAndWhy(tenantId, diff.body, diff.from, diff.to);
    return { cycleId, from: new Date(diff.from).toISOString(), to: new Date(diff.to).toISOString(), ...diff.body };
  }

  /** Who changed each target and weight between the instants, and why: from the key results' own streams. */
  private async attachWhoAndWhy(tenantId: string, body: CycleDiffBody, from: number, to: number): Promise<void> {
    const actors = new Set<string>();
    const wanted = [
      [body.keyResults.targetChanged, 'KeyResultTargetChanged'],
      [body.keyResults.weightChanged, 'KeyResultWeightChanged'],
    ] as const;
    for (const [entries, type] of wanted) {
      for (const entry of entries) {
        const changes: RecordedChange[] = [];
        for (const stored of await this.events.readStream(streamName(StreamCategory.keyResult, entry.id))) {
          const at = Date.parse(stored.metadata.recordedAt);
          const event = { ...stored, data: upcastData(stored) };
          if (!isChange(event) || event.type !== type || at <= from || at > to) continue;
          const { position, metadata } = event;
          const recorded = { position, recordedAt: metadata.recordedAt, actor: { id: metadata.actorId, name: metadata.actorId } };
          if (event.type === 'KeyResultTargetChanged')
            changes.push({ ...recorded, from: event.data.previousTarget, to: event.data.target, reason: event.data.reason });
          else changes.push({ ...recorded, from: event.data.previousWeight, to: event.data.weight });
          actors.add(metadata.actorId);
        }
        entry.changes = changes;
      }
    }
    const users = await (await this.live.users()).getMany([...actors]);
    const names = new Map(users.filter((u) => u.tenantId === tenantId).map((u) => [u.id, u.name]));
    for (const [entries] of wanted)
      for (const entry of entries)
        for (const change of entry.changes ?? []) change.actor.name = names.get(change.actor.id) ?? change.actor.id;
  }
}
