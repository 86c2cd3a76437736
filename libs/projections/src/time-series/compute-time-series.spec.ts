import { EventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import { Collections, KeyResultDocument, ObjectiveDocument } from '../okr/okr-documents';
import { okrProjection } from '../okr/okr.projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { computeTimeSeries } from './compute-time-series';
import { CycleTimeline } from './cycle-timeline';
import { timeSeriesBoundaries } from './time-series-boundaries';
import { TimeSeries } from './time-series';
import { HOUR, quarterHistory, storeOf } from './testing/quarter-history';

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
  it.each([11, 4, 29])(
    'gives at every boundary exactly the progress and rollup the okr projection had stored by then (no backdating, seed %i)',
    async (seed) => {
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
          expect([id, at, series.keyResultPoint(k, b)]).toEqual([
            id,
            at,
            doc && !doc.removed ? { value: doc.current, progress: doc.progress } : null,
          ]);
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
    },
  );

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
    expect(computeTimeSeries(timeline, 'week', timeSeriesBoundaries(timeline.cycle!, 'week', { now: AFTER_QUARTER })).toJSON()).toEqual(
      whole.toJSON(),
    );
  });

  it('keeps of the check-ins before the cycle only the one that wins per key result, and drops those after its end', async () => {
    const history = quarterHistory(2);
    const store = await storeOf(history);
    const timeline = new CycleTimeline('t1', 'q1');
    for (const event of await store.readAll()) timeline.apply(event);
    // p0's six check-ins are all before Q1 was scheduled (kept), none after.
    const inQ1 = (at: number) => at >= Date.parse('2026-01-01T00:00:00Z') && at <= Date.parse('2026-04-01T00:00:00Z');
    const q1CheckIns = history.filter((e) => e.type === 'KeyResultCheckedIn' && inQ1(e.recordedAt)).length;
    expect(
      history.filter((e) => e.type === 'KeyResultCheckedIn' && e.recordedAt > Date.parse('2026-04-01T00:00:00Z')).length,
    ).toBeGreaterThan(0);
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
