import { CURRENT_SCHEMA_VERSION } from '@okr/domain';
import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import { Collections, KeyResultDocument, ObjectiveDocument } from '../okr/okr-documents';
import { okrProjection } from '../okr/okr.projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { computeTimeSeries } from './compute-time-series';
import { CycleTimeline } from './cycle-timeline';
import { timeSeriesBoundaries } from './time-series-boundaries';
import { TimeSeries } from './time-series';

const HOUR = 3600_000;
const Q1 = { startsOn: '2026-01-01', endsOn: '2026-03-31' };

interface HistoryEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: number;
  tenantId: string;
  schemaVersion?: number;
}

/** A small seeded generator (mulberry32), so every run builds the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
function quarterHistory(seed: number): HistoryEvent[] {
  const next = random(seed);
  const events: HistoryEvent[] = [];
  let clock = Date.parse('2025-10-02T09:00:00.000Z');
  const add = (streamId: string, type: string, data: Record<string, unknown>, tenantId = 't1') => {
    events.push({ streamId, type, data, recordedAt: clock, tenantId });
  };
  const objective = (id: string, cycleId: string) =>
    add(`objective-${id}`, 'ObjectiveCreated', { objectiveId: id, cycleId, title: `Objective ${id}`, description: null, ownerId: null, teamId: null, kind: 'committed', carriedOverFrom: null });
  const keyResults: { id: string; objective: string; metric: (typeof METRICS)[number] }[] = [];
  const keyResult = (objectiveId: string, k: number) => {
    const id = `${objectiveId}k${k}`;
    const metric = METRICS[(objectiveId.length + k * 3 + keyResults.length) % METRICS.length];
    keyResults.push({ id, objective: objectiveId, metric });
    add(`keyresult-${id}`, 'KeyResultAdded', { keyResultId: id, objectiveId, title: `KR ${id}`, metric, weight: 1 + (k % 3), ownerId: null, carriedOverFrom: null });
  };
  const checkIn = (kr: { id: string; metric: (typeof METRICS)[number] }) => {
    const value = kr.metric.type === 'milestone' ? Math.round(next()) : Math.round(next() * 1200) / 10;
    add(`keyresult-${kr.id}`, 'KeyResultCheckedIn', { keyResultId: kr.id, checkInId: `ci-${events.length}`, value, confidence: 0.5, note: null, effectiveAt: new Date(clock).toISOString() });
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
    if (i > 0) add(`objective-${id}`, 'ObjectiveAligned', { objectiveId: id, parentObjectiveId: ids[Math.floor((i - 1) / 2)], weight: 1 + (i % 3) });
    for (let k = 0; k < 2 + (i % 2); k++) keyResult(id, k);
  }
  add('objective-p0', 'ObjectiveAligned', { objectiveId: 'p0', parentObjectiveId: 'o0', weight: 2 });
  add('objective-x0', 'ObjectiveCreated', { objectiveId: 'x0', cycleId: 'x', title: 'Theirs', description: null, ownerId: null, teamId: null, kind: 'committed', carriedOverFrom: null }, 't2');

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
      add(`keyresult-${kr.id}`, 'KeyResultTargetChanged', { keyResultId: kr.id, target: kr.metric.target + Math.round(next() * 50), previousTarget: kr.metric.target, reason: 'moved' });
    } else if (roll < 0.88) {
      const kr = live()[Math.floor(next() * live().length)];
      add(`keyresult-${kr.id}`, 'KeyResultWeightChanged', { keyResultId: kr.id, weight: 1 + Math.floor(next() * 4), previousWeight: 1 });
    } else if (roll < 0.93) {
      // Realign under an earlier objective (no loop possible).
      const i = 1 + Math.floor(next() * (ids.length - 1));
      add(`objective-${ids[i]}`, 'ObjectiveAligned', { objectiveId: ids[i], parentObjectiveId: ids[Math.floor(next() * i)], weight: 1 + Math.floor(next() * 3) });
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

async function storeOf(history: readonly HistoryEvent[]): Promise<EventStore> {
  const store = new InMemoryEventStore();
  for (const [n, e] of history.entries()) {
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

async function seriesOf(store: EventStore, interval: 'day' | 'week', now: number, pageSize = 1000): Promise<TimeSeries> {
  const timeline = new CycleTimeline('t1', 'q1');
  for (;;) {
    const page = await store.readAll({ after: timeline.position, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) timeline.apply(event);
  }
  return computeTimeSeries(timeline, interval, timeSeriesBoundaries(timeline.cycle!, interval, { now }));
}

const AFTER_QUARTER = Date.parse('2026-06-10T00:00:00.000Z');

describe('computeTimeSeries', () => {
  it.each([11, 4, 29])('gives at every boundary exactly the progress and rollup the okr projection had stored by then (no backdating, seed %i)', async (seed) => {
    const history = quarterHistory(seed);
    const store = await storeOf(history);
    const series = await seriesOf(store, 'day', AFTER_QUARTER);
    expect(series.boundaries).toHaveLength(90);
    const readModels = new InMemoryReadModelStore();
    const runner = new ProjectionRunner(store, readModels, okrProjection, { batchSize: 1 }); // one event a batch: catchUp stops exactly at `until`
    const objectives = await readModels.collection<ObjectiveDocument>({ name: Collections.objectives, indexes: [] });
    const keyResults = await readModels.collection<KeyResultDocument>({ name: Collections.keyResults, indexes: [] });
    let compared = 0;
    for (const [b, at] of series.boundaries.entries()) {
      await runner.catchUp({ until: history.filter((e) => e.recordedAt <= at).length });
      for (const [o, { id }] of series.objectives.entries()) {
        const doc = await objectives.get(id);
        expect([id, at, series.objectivePoint(o, b)]).toEqual([id, at, doc ? { progress: doc.progress, rollup: doc.rollup } : null]);
        if (doc) compared++;
      }
      for (const [k, { id }] of series.keyResults.entries()) {
        const doc = await keyResults.get(id);
        expect([id, at, series.keyResultPoint(k, b)]).toEqual([id, at, doc && !doc.removed ? { value: doc.current, progress: doc.progress } : null]);
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The quarter moved the numbers (o0's rollup counts its children, p0 of the previous cycle too), and o6 appeared mid-quarter.
    const o0 = series.objectiveJson(0);
    expect(new Set(o0.rollup).size).toBeGreaterThan(20);
    expect(o0.rollup.some((rollup, b) => rollup !== o0.progress[b])).toBe(true);
    const o6 = series.objectiveJson(series.objectives.findIndex((o) => o.id === 'o6'));
    expect(o6.progress[0]).toBeNull();
    expect(o6.progress[89]).not.toBeNull();
    expect(series.keyResults.map((k) => k.id)).not.toContain('p0k0');
    expect(series.objectives.map((o) => o.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
  });

  it('places a backdated check-in at its effective time: the same series as if it had been recorded then', async () => {
    const onTime = quarterHistory(5);
    // Take a mid-quarter check-in and record it twenty days later, keeping its effective time.
    const index = onTime.findIndex((e, i) => i > onTime.length / 2 && e.type === 'KeyResultCheckedIn');
    const late = { ...onTime[index], recordedAt: onTime[index].recordedAt + 20 * 24 * HOUR };
    const backdated = [...onTime.slice(0, index), ...onTime.slice(index + 1)];
    const insertAt = backdated.findIndex((e) => e.recordedAt > late.recordedAt);
    backdated.splice(insertAt < 0 ? backdated.length : insertAt, 0, late);

    const expected = await seriesOf(await storeOf(onTime), 'day', AFTER_QUARTER);
    const actual = await seriesOf(await storeOf(backdated), 'day', AFTER_QUARTER);
    expect(actual.toJSON()).toEqual(expected.toJSON());

    // Between its effective time and its recording, the projection (recorded time) did not know it: the series differs.
    const keyResultId = late.data.keyResultId as string;
    const store = await storeOf(backdated);
    const readModels = new InMemoryReadModelStore();
    const runner = new ProjectionRunner(store, readModels, okrProjection, { batchSize: 1 });
    const keyResults = await readModels.collection<KeyResultDocument>({ name: Collections.keyResults, indexes: [] });
    const k = actual.keyResults.findIndex((kr) => kr.id === keyResultId);
    let differed = 0;
    for (const [b, at] of actual.boundaries.entries()) {
      if (at < onTime[index].recordedAt || at >= late.recordedAt) continue;
      await runner.catchUp({ until: backdated.filter((e) => e.recordedAt <= at).length });
      if ((await keyResults.get(keyResultId))!.current !== actual.keyResultPoint(k, b)!.value) differed++;
    }
    expect(differed).toBeGreaterThan(0);
  });

  it('reads old check-in shapes through the upcaster (v1: effective when recorded)', async () => {
    const history = quarterHistory(3);
    const v1 = history.map((e) => {
      if (e.type !== 'KeyResultCheckedIn') return e;
      const { effectiveAt: _dropped, ...data } = e.data;
      return { ...e, data, schemaVersion: 1 };
    });
    const expected = await seriesOf(await storeOf(history), 'week', AFTER_QUARTER);
    expect((await seriesOf(await storeOf(v1), 'week', AFTER_QUARTER)).toJSON()).toEqual(expected.toJSON());
  });

  it('continues from where it stopped: pages of any size, and more events later, give the same series', async () => {
    const history = quarterHistory(8);
    const store = await storeOf(history);
    const whole = await seriesOf(store, 'week', AFTER_QUARTER);
    expect((await seriesOf(store, 'week', AFTER_QUARTER, 13)).toJSON()).toEqual(whole.toJSON());

    const timeline = new CycleTimeline('t1', 'q1');
    const events = await store.readAll();
    for (const event of events.slice(0, 200)) timeline.apply(event);
    computeTimeSeries(timeline, 'week', timeSeriesBoundaries(timeline.cycle!, 'week', { now: AFTER_QUARTER }));
    for (const event of events.slice(200)) timeline.apply(event);
    expect(timeline.position).toBe(events.length);
    expect(computeTimeSeries(timeline, 'week', timeSeriesBoundaries(timeline.cycle!, 'week', { now: AFTER_QUARTER })).toJSON()).toEqual(whole.toJSON());
  });

  it('keeps of the check-ins before the cycle only the one that wins per key result, and drops those after its end', async () => {
    const history = quarterHistory(2);
    const store = await storeOf(history);
    const timeline = new CycleTimeline('t1', 'q1');
    for (const event of await store.readAll()) timeline.apply(event);
    // p0's six check-ins are all before Q1 was scheduled (kept), none after.
    const inQ1 = (at: number) => at >= Date.parse('2026-01-01T00:00:00Z') && at <= Date.parse('2026-04-01T00:00:00Z');
    const q1CheckIns = history.filter((e) => e.type === 'KeyResultCheckedIn' && inQ1(e.recordedAt)).length;
    expect(history.filter((e) => e.type === 'KeyResultCheckedIn' && e.recordedAt > Date.parse('2026-04-01T00:00:00Z')).length).toBeGreaterThan(0);
    expect(timeline.checkIns.length).toBe(6 + q1CheckIns);
    const later = new CycleTimeline('t1', 'q1');
    const events = await store.readAll();
    // Scheduled first: the earlier check-ins of p0 then collapse into one per key result.
    const scheduled = events.find((e) => e.type === 'CycleScheduled' && (e.data as { cycleId: string }).cycleId === 'q1')!;
    later.apply(scheduled);
    for (const event of events) if (event !== scheduled) later.apply(event);
    expect(later.checkIns.length).toBe(2 + q1CheckIns);
    expect(computeTimeSeries(later, 'week', timeSeriesBoundaries(later.cycle!, 'week', { now: AFTER_QUARTER })).toJSON()).toEqual(
      computeTimeSeries(timeline, 'week', timeSeriesBoundaries(timeline.cycle!, 'week', { now: AFTER_QUARTER })).toJSON(),
    );
  });
});
