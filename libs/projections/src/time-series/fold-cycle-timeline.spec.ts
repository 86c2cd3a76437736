import { OKR_EVENT_TYPES } from '@okr/domain';
import { EventStore, HashChainedEventStore, InMemoryEventStore, SqliteEventStore } from '@okr/event-store';
import { computeTimeSeries } from './compute-time-series';
import { CYCLE_TIMELINE_EVENT_TYPES, CycleTimeline } from './cycle-timeline';
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
    checkIns: columns(timeline.checkIns, ['keyResult', 'effectiveAt', 'sequence', 'value']),
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

/** Odd events the domain never writes, which the lean fold must treat as `apply` does. */
function withOddEvents(history: HistoryEvent[]): HistoryEvent[] {
  const at = history[history.length - 1].recordedAt;
  const checkIn = (keyResultId: string, value: unknown, effectiveAt: unknown = '2026-02-01T00:00:00.000Z') =>
    ({
      streamId: `keyresult-${keyResultId}`,
      type: 'KeyResultCheckedIn',
      data: { keyResultId, checkInId: 'x', value, confidence: 0.5, note: null, effectiveAt },
      recordedAt: at,
      tenantId: 't1',
    }) as HistoryEvent;
  return [
    ...history,
    checkIn('late', 5), // before its key result exists: skipped
    {
      streamId: 'keyresult-late',
      type: 'KeyResultAdded',
      data: {
        keyResultId: 'late',
        objectiveId: 'o1',
        title: 'Late',
        metric: { type: 'increase', start: 0, target: 10, unit: null },
        weight: 1,
      },
      recordedAt: at,
      tenantId: 't1',
    },
    checkIn('late', 6),
    checkIn('late', '7'), // a value as text: stored as the number it converts to, as apply does
    checkIn('late', 8, 'not a date'),
    checkIn('o0k0', 9, '2026-02-02T00:00:00.000Z'),
  ];
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

  it('folds odd events read lean as apply folds them from readAll', async () => {
    const folds = async (history: HistoryEvent[]) => {
      const reference = await fold(await storeOf(history, new InMemoryEventStore()), 17, [history.length]);
      const timeline = await fold(await storeOf(history, sqlite()), 17, [history.length]);
      expect(stateOf(timeline)).toEqual(stateOf(reference));
      expect(series(timeline, 'day')).toEqual(series(reference, 'day'));
      return timeline;
    };
    const timeline = await folds(withOddEvents(quarterHistory(11)));
    // Not the check-in before its key result, 7 from its text, not 8 at an effective time that is no instant (never current).
    const late = timeline.keyResultIndex.get('late')!;
    const values = Array.from(timeline.checkIns.column('value')).filter(
      (_, row) => row < timeline.checkIns.length && timeline.checkIns.column('keyResult')[row] === late,
    );
    expect(values).toEqual([6, 7]);
    await folds(asV1(withOddEvents(quarterHistory(11))));
  });

  it('reads every event type it does not list as a mere move of its position (the lean read may leave them out)', async () => {
    const history = quarterHistory(14);
    const timeline = await fold(await storeOf(history, new InMemoryEventStore()), 100, [history.length]);
    const before = stateOf(timeline);
    const ignored = OKR_EVENT_TYPES.filter((type) => !(CYCLE_TIMELINE_EVENT_TYPES as readonly string[]).includes(type));
    expect(ignored).toContain('CycleClosed');
    for (const [n, type] of ignored.entries()) {
      const data = { cycleId: 'q1', objectiveId: 'o1', keyResultId: 'o1k0', title: 'x', score: 1, value: 1, weight: 1 };
      timeline.apply({
        type,
        data,
        position: history.length + n + 1,
        metadata: { tenantId: 't1', recordedAt: '2026-02-01T00:00:00.000Z' },
      });
    }
    expect(stateOf(timeline)).toEqual({ ...before, position: history.length + ignored.length });
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
