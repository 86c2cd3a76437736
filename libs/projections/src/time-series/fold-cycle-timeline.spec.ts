import { EventStore, HashChainedEventStore, InMemoryEventStore, SqliteEventStore } from '@okr/event-store';
import { computeTimeSeries } from './compute-time-series';
import { CycleTimeline } from './cycle-timeline';
import { foldCycleTimeline } from './fold-cycle-timeline';
import { timeSeriesBoundaries } from './time-series-boundaries';
import { HistoryEvent, quarterHistory, storeOf } from './testing/quarter-history';

const AFTER_QUARTER = Date.parse('2026-06-10T00:00:00.000Z');

/** The history's check-ins as old code stored them: v1, no effectiveAt (effective when recorded). */
const asV1 = (history: HistoryEvent[]): HistoryEvent[] =>
  history.map((e) => {
    if (e.type !== 'KeyResultCheckedIn') return e;
    const { effectiveAt: _dropped, ...data } = e.data;
    return { ...e, data, schemaVersion: 1 };
  });

/** Everything computeTimeSeries reads of a timeline, comparable with toEqual. */
function stateOf(timeline: CycleTimeline) {
  const columns = <N extends string>(table: { length: number; column(name: N): ArrayLike<number> }, names: N[]) =>
    Object.fromEntries(names.map((name) => [name, Array.from(table.column(name)).slice(0, table.length)]));
  return {
    position: timeline.position,
    cycle: timeline.cycle,
    objectives: timeline.objectives,
    keyResults: timeline.keyResults,
    structure: columns(timeline.structure, ['kind', 'recordedAt', 'subject', 'other', 'amount']),
    checkIns: columns(timeline.checkIns, ['keyResult', 'effectiveAt', 'value']),
  };
}

async function fold(store: EventStore, pageSize: number, heads: number[]): Promise<CycleTimeline> {
  const timeline = new CycleTimeline('t1', 'q1');
  for (const head of heads) {
    await foldCycleTimeline(store, timeline, head, { pageSize });
    expect(timeline.position).toBe(head);
  }
  return timeline;
}

const series = (timeline: CycleTimeline, interval: 'day' | 'week') =>
  computeTimeSeries(timeline, interval, timeSeriesBoundaries(timeline.cycle!, interval, { now: AFTER_QUARTER })).toJSON();

describe('foldCycleTimeline', () => {
  const opened: EventStore[] = [];
  const sqlite = () => {
    const store = HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: ':memory:' }));
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it.each([
    ['current check-ins', 6, (h: HistoryEvent[]) => h],
    ['v1 check-ins (upcast)', 7, asV1],
  ])('folds from the SQLite store read lean exactly the timeline readAll gives, at any page size (%s)', async (_name, seed, shape) => {
    const history = shape(quarterHistory(seed));
    const head = history.length;
    expect(new Set(history.map((e) => e.tenantId))).toEqual(new Set(['t1', 't2'])); // another tenant's events, and types the timeline ignores, are read past
    expect(history.some((e) => e.type === 'CycleClosed')).toBe(true);

    const reference = await fold(await storeOf(history, new InMemoryEventStore()), 1000, [head]);
    const store = await storeOf(history, sqlite());
    const inner = HashChainedEventStore.unwrap(store);
    const readAll = jest.spyOn(inner, 'readAll');
    for (const pageSize of [1000, 7, 1]) {
      const lean = await fold(store, pageSize, [head]);
      expect(stateOf(lean)).toEqual(stateOf(reference));
      expect(series(lean, 'day')).toEqual(series(reference, 'day'));
    }
    expect(readAll).not.toHaveBeenCalled();
  });

  it('stops at the head it is given and continues from there later, as readAll does', async () => {
    const history = quarterHistory(9);
    const store = await storeOf(history, sqlite());
    const reference = await fold(await storeOf(history, new InMemoryEventStore()), 50, [history.length]);
    const middle = Math.floor(history.length / 2);
    // The tail of the log is there already: what is past the head is left for the next fold.
    const halfway = await fold(store, 13, [middle]);
    const halfwayReference = await fold(await storeOf(history, new InMemoryEventStore()), 13, [middle]);
    expect(stateOf(halfway)).toEqual(stateOf(halfwayReference));
    await foldCycleTimeline(store, halfway, history.length, { pageSize: 13 });
    expect(stateOf(halfway)).toEqual(stateOf(reference));
    expect(series(halfway, 'week')).toEqual(series(reference, 'week'));
  });
});
