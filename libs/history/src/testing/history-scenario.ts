import { schemaVersionOf } from '@okr/domain';
import { describe as describeEvent } from '../describe';
import { HistoryEntry } from '../history-entry';
import { HistoryEvent } from '../history-event';
import { HistoryFolder } from '../history-folder';
import { MapNameBook, NameBook } from '../name-book';

/** An event of a scenario: the stream, type and data; actor and time default to Ada at a fixed instant, the schema version to its type's current one. */
export interface ScenarioEvent {
  streamId: string;
  type: string;
  data: unknown;
  actorId?: string;
  recordedAt?: string;
  schemaVersion?: number;
}

export const ADA = 'user-ada';
export const SCENARIO_TIME = '2026-02-10T09:00:00.000Z';

/** Names the scenarios use: Ada and Bob, a team, a cycle, objectives and key results by readable ids. */
export function scenarioNames(): MapNameBook {
  return new MapNameBook()
    .set('user', ADA, 'Ada Lovelace')
    .set('user', 'user-bob', 'Bob Builder')
    .set('team', 'team-growth', 'Growth')
    .set('team', 'team-company', 'Company')
    .set('cycle', 'cycle-q1', '2026 Q1')
    .set('cycle', 'cycle-q2', '2026 Q2')
    .set('objective', 'obj-1', 'Keep customers')
    .set('objective', 'obj-parent', 'Win the market')
    .set('objective', 'obj-other', 'Grow revenue')
    .set('keyResult', 'kr-1', 'Reduce churn')
    .set('keyResult', 'kr-2', 'Signups');
}

/**
 * Given the events so far (folded in order), when one more happens, then its history entry is… Positions
 * count from 1 in order; revisions count per stream.
 */
export function given(history: readonly ScenarioEvent[]) {
  return {
    when(event: ScenarioEvent, names: NameBook = scenarioNames()): HistoryEntry {
      const folder = new HistoryFolder();
      const revisions = new Map<string, number>();
      let position = 0;
      const stored = (e: ScenarioEvent): HistoryEvent => {
        const revision = revisions.get(e.streamId) ?? 0;
        revisions.set(e.streamId, revision + 1);
        position++;
        return {
          streamId: e.streamId,
          revision,
          position,
          type: e.type,
          data: e.data,
          metadata: {
            actorId: e.actorId ?? ADA,
            tenantId: 'tenant-1',
            recordedAt: e.recordedAt ?? SCENARIO_TIME,
            schemaVersion: e.schemaVersion ?? schemaVersionOf(e.type),
          },
        };
      };
      for (const e of history) folder.apply(stored(e));
      return describeEvent(folder.apply(stored(event)), names);
    },
  };
}
