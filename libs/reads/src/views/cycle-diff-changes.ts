import { StreamCategory, eventsOf, streamName, upcastData } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import { CycleDiffBody, RecordedChange } from './cycle-diff';

const isChange = eventsOf(['KeyResultTargetChanged', 'KeyResultWeightChanged']);

/**
 * Adds to each moved target and weight of a cycle diff its recorded changes between the instants (who, when, why),
 * read from the key results' own streams; the actors' names are left as their ids for the caller to resolve
 * (the live users). Runs where the diff was computed (the replay worker), so that the API thread only names people.
 */
export async function attachRecordedChanges(events: EventStore, body: CycleDiffBody, from: number, to: number): Promise<void> {
  const wanted = [
    [body.keyResults.targetChanged, 'KeyResultTargetChanged'],
    [body.keyResults.weightChanged, 'KeyResultWeightChanged'],
  ] as const;
  for (const [entries, type] of wanted) {
    for (const entry of entries) {
      const changes: RecordedChange[] = [];
      for (const stored of await events.readStream(streamName(StreamCategory.keyResult, entry.id))) {
        const at = Date.parse(stored.metadata.recordedAt);
        const event = { ...stored, data: upcastData(stored) };
        if (!isChange(event) || event.type !== type || at <= from || at > to) continue;
        const { position, metadata } = event;
        const recorded = { position, recordedAt: metadata.recordedAt, actor: { id: metadata.actorId, name: metadata.actorId } };
        if (event.type === 'KeyResultTargetChanged')
          changes.push({ ...recorded, from: event.data.previousTarget, to: event.data.target, reason: event.data.reason });
        else changes.push({ ...recorded, from: event.data.previousWeight, to: event.data.weight });
      }
      entry.changes = changes;
    }
  }
}

/** Every recorded change of a diff (after attachRecordedChanges). */
export function recordedChangesOf(body: CycleDiffBody): RecordedChange[] {
  return [...body.keyResults.targetChanged, ...body.keyResults.weightChanged].flatMap((entry) => entry.changes ?? []);
}
