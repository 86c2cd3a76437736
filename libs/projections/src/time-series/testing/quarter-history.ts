import { CURRENT_SCHEMA_VERSION } from '@okr/domain';
import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { seededRandom } from '@okr/event-store/testing/seeded-random';

/** A quarter of OKR events for the time-series specs (compared with the okr projection, or between ways of reading the log). */

export const HOUR = 3600_000;
const Q1 = { startsOn: '2026-01-01', endsOn: '2026-03-31' };

export interface HistoryEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: number;
  tenantId: string;
  schemaVersion?: number;
}

const METRICS = [
  { type: 'increase', start: 0, target: 100, unit: 'users' },
  { type: 'decrease', start: 10, target: 3, unit: '%' },
  { type: 'atLeast', start: 20, target: 60, unit: 'NPS' },
  { type: 'atMost', start: 900, target: 300, unit: 'ms' },
  { type: 'milestone', start: 0, target: 1, unit: null },
];

/**
 * A quarter through the real event types, recorded in increasing time: a tree of objectives in Q1, one objective
 * of the previous cycle (with check-ins from then) aligned under a Q1 objective, another tenant's events, then
 * check-ins (never backdated), moved targets and weights, realignments, an unalignment, an archive, a removed and a
 * late key result, a late objective.
 */
export function quarterHistory(seed: number): HistoryEvent[] {
  const next = seededRandom(seed);
  const events: HistoryEvent[] = [];
  let clock = Date.parse('2025-10-02T09:00:00.000Z');
  const add = (streamId: string, type: string, data: Record<string, unknown>, tenantId = 't1') => {
    events.push({ streamId, type, data, recordedAt: clock, tenantId });
  };
  const objective = (id: string, cycleId: string) =>
    add(`objective-${id}`, 'ObjectiveCreated', {
      objectiveId: id,
      cycleId,
      title: `Objective ${id}`,
      description: null,
      ownerId: null,
      teamId: null,
      kind: 'committed',
      carriedOverFrom: null,
    });
  const keyResults: { id: string; objective: string; metric: (typeof METRICS)[number] }[] = [];
  const keyResult = (objectiveId: string, k: number) => {
    const id = `${objectiveId}k${k}`;
    const metric = METRICS[(objectiveId.length + k * 3 + keyResults.length) % METRICS.length];
    keyResults.push({ id, objective: objectiveId, metric });
    add(`keyresult-${id}`, 'KeyResultAdded', {
      keyResultId: id,
      objectiveId,
      title: `KR ${id}`,
      metric,
      weight: 1 + (k % 3),
      ownerId: null,
      carriedOverFrom: null,
    });
  };
  const checkIn = (kr: { id: string; metric: (typeof METRICS)[number] }) => {
    const value = kr.metric.type === 'milestone' ? Math.round(next()) : Math.round(next() * 1200) / 10;
    add(`keyresult-${kr.id}`, 'KeyResultCheckedIn', {
      keyResultId: kr.id,
      checkInId: `ci-${events.length}`,
      value,
      confidence: 0.5,
      note: null,
      effectiveAt: new Date(clock).toISOString(),
    });
  };

  // The previous cycle: one objective with check-ins, later aligned under Q1's root.
  add('cycle-q0', 'CycleScheduled', { cycleId: 'q0', name: 'Q0', startsOn: '2025-10-01', endsOn: '2025-12-31' });
  objective('p0', 'q0');
  keyResult('p0', 0);
  keyResult('p0', 1);
  for (let i = 0; i < 6; i++) {
    clock += 5 * 24 * HOUR;
    checkIn(keyResults[i % 2]);
  }
  // Q1, planned in December.
  clock = Date.parse('2025-12-20T09:00:00.000Z');
  add('cycle-q1', 'CycleScheduled', { cycleId: 'q1', name: 'Q1', ...Q1 });
  add('cycle-x', 'CycleScheduled', { cycleId: 'x', name: 'Other tenant', ...Q1 }, 't2');
  const ids = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'];
  for (const [i, id] of ids.entries()) {
    clock += HOUR;
    objective(id, 'q1');
    if (i > 0)
      add(`objective-${id}`, 'ObjectiveAligned', { objectiveId: id, parentObjectiveId: ids[Math.floor((i - 1) / 2)], weight: 1 + (i % 3) });
    for (let k = 0; k < 2 + (i % 2); k++) keyResult(id, k);
  }
  add('objective-p0', 'ObjectiveAligned', { objectiveId: 'p0', parentObjectiveId: 'o0', weight: 2 });
  add(
    'objective-x0',
    'ObjectiveCreated',
    {
      objectiveId: 'x0',
      cycleId: 'x',
      title: 'Theirs',
      description: null,
      ownerId: null,
      teamId: null,
      kind: 'committed',
      carriedOverFrom: null,
    },
    't2',
  );

  // The quarter.
  clock = Date.parse('2026-01-01T08:00:00.000Z');
  const live = () => keyResults.filter((k) => k.objective !== 'p0' && !removed.has(k.id));
  const removed = new Set<string>();
  for (let step = 0; step < 190; step++) {
    clock += Math.floor(next() * 26 * HOUR) + 1;
    const roll = next();
    if (roll < 0.75) checkIn(live()[Math.floor(next() * live().length)]);
    else if (roll < 0.82) {
      const kr = live()[Math.floor(next() * live().length)];
      add(`keyresult-${kr.id}`, 'KeyResultTargetChanged', {
        keyResultId: kr.id,
        target: kr.metric.target + Math.round(next() * 50),
        previousTarget: kr.metric.target,
        reason: 'moved',
      });
    } else if (roll < 0.88) {
      const kr = live()[Math.floor(next() * live().length)];
      add(`keyresult-${kr.id}`, 'KeyResultWeightChanged', { keyResultId: kr.id, weight: 1 + Math.floor(next() * 4), previousWeight: 1 });
    } else if (roll < 0.93) {
      // Realign under an earlier objective (no loop possible).
      const i = 1 + Math.floor(next() * (ids.length - 1));
      add(`objective-${ids[i]}`, 'ObjectiveAligned', {
        objectiveId: ids[i],
        parentObjectiveId: ids[Math.floor(next() * i)],
        weight: 1 + Math.floor(next() * 3),
      });
    } else add('cycle-x', 'CycleClosed', { cycleId: 'x', closedAt: new Date(clock).toISOString() }, 't2');
    if (step === 40) add('objective-o5', 'ObjectiveUnaligned', { objectiveId: 'o5' });
    if (step === 60) {
      add('keyresult-o1k1', 'KeyResultRemoved', { keyResultId: 'o1k1' });
      removed.add('o1k1');
    }
    if (step === 80) {
      objective('o6', 'q1');
      add('objective-o6', 'ObjectiveAligned', { objectiveId: 'o6', parentObjectiveId: 'o2', weight: 2 });
      keyResult('o6', 0);
      keyResult('o2', 9);
    }
    if (step === 110) {
      add('objective-o3', 'ObjectiveArchived', { objectiveId: 'o3' });
      for (const k of keyResults) if (k.objective === 'o3') removed.add(k.id);
    }
  }
  return events;
}

/** The history appended to the store; event ids are numbered from `firstNumber` (to append a history in parts). */
export async function storeOf(
  history: readonly HistoryEvent[],
  store: EventStore = new InMemoryEventStore(),
  firstNumber = 0,
): Promise<EventStore> {
  for (const [i, e] of history.entries()) {
    const n = firstNumber + i;
    await store.appendToStream(e.streamId, [
      {
        type: e.type,
        data: e.data,
        metadata: {
          eventId: `event-${n}`,
          tenantId: e.tenantId,
          actorId: 'user-1',
          correlationId: `c-${n}`,
          causationId: `c-${n}`,
          commandId: `c-${n}`,
          recordedAt: new Date(e.recordedAt).toISOString(),
          schemaVersion: e.schemaVersion ?? CURRENT_SCHEMA_VERSION[e.type] ?? 1,
        },
      },
    ]);
  }
  return store;
}
