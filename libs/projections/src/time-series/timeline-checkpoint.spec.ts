import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { createHash } from 'node:crypto';
import { computeTimeSeries } from './compute-time-series';
import { CycleTimeline } from './cycle-timeline';
import { foldCycleTimeline } from './fold-cycle-timeline';
import { TIMELINE_CHECKPOINT_FORMAT, decodeTimelineCheckpoint, encodeTimelineCheckpoint } from './timeline-checkpoint';
import { timeSeriesBoundaries } from './time-series-boundaries';
import { HistoryEvent, quarterHistory, storeOf } from './testing/quarter-history';

const AFTER_QUARTER = Date.parse('2026-06-10T00:00:00.000Z');

const series = (timeline: CycleTimeline) =>
  computeTimeSeries(timeline, 'day', timeSeriesBoundaries(timeline.cycle!, 'day', { now: AFTER_QUARTER })).toJSON();

/** Check-ins backdated before Q1's start, recorded at the end: they replace (or not) each key result's winner before the start. */
function withLateBackdatedCheckIns(history: HistoryEvent[]): HistoryEvent[] {
  const at = history[history.length - 1].recordedAt + 1000;
  const checkIn = (keyResultId: string, value: number, effectiveAt: string): HistoryEvent => ({
    streamId: `keyresult-${keyResultId}`,
    type: 'KeyResultCheckedIn',
    data: { keyResultId, checkInId: `late-${value}`, value, confidence: 0.5, note: null, effectiveAt },
    recordedAt: at,
    tenantId: 't1',
  });
  return [
    ...history,
    checkIn('p0k0', 71, '2025-12-30T00:00:00.000Z'),
    checkIn('p0k0', 72, '2025-10-05T00:00:00.000Z'),
    checkIn('p0k0', 74, '2025-12-31T00:00:00.000Z'),
    checkIn('o1k0', 73, '2025-12-31T23:00:00.000Z'),
  ];
}

async function foldTo(store: EventStore, timeline: CycleTimeline, head: number): Promise<CycleTimeline> {
  await foldCycleTimeline(store, timeline, head, { pageSize: 11 });
  return timeline;
}

describe('timeline checkpoints (encode, decode)', () => {
  it.each([0.1, 0.5, 0.9])(
    'gives back a timeline that folds on exactly as the original (checkpoint at %s of the log)',
    async (fraction) => {
      const history = withLateBackdatedCheckIns(quarterHistory(21));
      const store = await storeOf(history);
      const reference = await foldTo(store, new CycleTimeline('t1', 'q1'), history.length);

      const middle = Math.floor(history.length * fraction);
      const original = await foldTo(store, new CycleTimeline('t1', 'q1'), middle);
      const encoded = encodeTimelineCheckpoint(original, 'mark');
      expect(encoded).toMatchObject({
        tenantId: 't1',
        cycleId: 'q1',
        format: TIMELINE_CHECKPOINT_FORMAT,
        position: middle,
        logMark: 'mark',
      });
      const restored = decodeTimelineCheckpoint(encoded);
      expect(restored.state()).toEqual(original.state());

      // Both fold on; the original is changed after encoding, which the checkpoint must not see.
      await foldTo(store, original, history.length);
      await foldTo(store, restored, history.length);
      expect(restored.state()).toEqual(reference.state());
      expect(series(restored)).toEqual(series(reference));
      expect(decodeTimelineCheckpoint(encoded).position).toBe(middle);
    },
  );

  it('keeps the winners before the cycle start: a later backdated check-in replaces them as in the original', async () => {
    const history = withLateBackdatedCheckIns(quarterHistory(22));
    const store = await storeOf(history);
    // The checkpoint holds 71, p0k0's winner before the start.
    const restored = decodeTimelineCheckpoint(
      encodeTimelineCheckpoint(await foldTo(store, new CycleTimeline('t1', 'q1'), history.length - 3), 'mark'),
    );
    const rowsBefore = restored.checkIns.length;
    expect(restored.state().beforeStart).toHaveLength(1);
    await foldTo(store, restored, history.length);
    // 72 (earlier) changes nothing, 74 (later) replaces 71 in its row, 73 becomes o1k0's winner before the start: one row more.
    expect(restored.checkIns.length).toBe(rowsBefore + 1);
    const values = Array.from(restored.checkIns.rows('value'));
    expect(values).toEqual(expect.arrayContaining([74, 73]));
    expect(values).not.toContain(71);
    expect(values).not.toContain(72);
    expect(restored.state()).toEqual((await foldTo(store, new CycleTimeline('t1', 'q1'), history.length)).state());
  });

  it('checkpoints an empty timeline and one of a cycle not scheduled yet', async () => {
    const empty = decodeTimelineCheckpoint(encodeTimelineCheckpoint(new CycleTimeline('t1', 'q1'), 'mark'));
    expect(empty.state()).toEqual(new CycleTimeline('t1', 'q1').state());
    const history = quarterHistory(23);
    const early = await foldTo(await storeOf(history), new CycleTimeline('t1', 'q1'), 5);
    expect(early.cycle).toBeNull();
    expect(decodeTimelineCheckpoint(encodeTimelineCheckpoint(early, 'mark')).state()).toEqual(early.state());
  });

  it('refuses a checkpoint of another format, damaged, truncated or inconsistent', async () => {
    const history = withLateBackdatedCheckIns(quarterHistory(24));
    const timeline = await foldTo(await storeOf(history, new InMemoryEventStore()), new CycleTimeline('t1', 'q1'), history.length);
    const encoded = encodeTimelineCheckpoint(timeline, 'mark');

    expect(() => decodeTimelineCheckpoint({ ...encoded, format: TIMELINE_CHECKPOINT_FORMAT + 1 })).toThrow(/format/);
    const flipped = Buffer.from(encoded.columns);
    flipped[flipped.length - 1] ^= 1;
    expect(() => decodeTimelineCheckpoint({ ...encoded, columns: flipped })).toThrow(/checksum/);
    expect(() => decodeTimelineCheckpoint({ ...encoded, header: encoded.header.replace('"Objective', '"Objektive') })).toThrow(/checksum/);

    // Consistent checksums over inconsistent content (as a bug would write it): still refused.
    const resealed = (header: string, columns: Buffer) => ({
      ...encoded,
      header,
      columns,
      checksum: createHash('sha256').update(header).update(columns).digest('hex'),
    });
    expect(() => decodeTimelineCheckpoint(resealed(encoded.header, encoded.columns.subarray(0, encoded.columns.length - 8)))).toThrow(
      /truncated/,
    );
    expect(() => decodeTimelineCheckpoint(resealed(encoded.header, Buffer.concat([encoded.columns, Buffer.alloc(8)])))).toThrow(
      /left over/,
    );
    const header = JSON.parse(encoded.header) as { keyResults: [string, number][]; beforeStart: [number, number][] };
    header.keyResults[0][1] = 10_000;
    expect(() => decodeTimelineCheckpoint(resealed(JSON.stringify(header), encoded.columns))).toThrow(/no objective/);
    const twice = JSON.parse(encoded.header) as { objectives: unknown[] };
    twice.objectives.push(twice.objectives[0]);
    expect(() => decodeTimelineCheckpoint(resealed(JSON.stringify(twice), encoded.columns))).toThrow(/twice/);
    const wrongWinner = JSON.parse(encoded.header) as { beforeStart: [number, number][] };
    expect(wrongWinner.beforeStart.length).toBeGreaterThan(0);
    wrongWinner.beforeStart[0] = [wrongWinner.beforeStart[0][0] + 1, wrongWinner.beforeStart[0][1]];
    expect(() => decodeTimelineCheckpoint(resealed(JSON.stringify(wrongWinner), encoded.columns))).toThrow(/not key result/);
    expect(() => decodeTimelineCheckpoint(resealed('{"cycle":', encoded.columns))).toThrow(SyntaxError);
  });

  it('refuses a state whose columns point past its objectives and key results', async () => {
    const history = quarterHistory(25);
    const timeline = await foldTo(await storeOf(history), new CycleTimeline('t1', 'q1'), history.length);
    const state = timeline.state();
    const withColumn = (table: 'structure' | 'checkIns', column: string, row: number, value: number) => {
      const copy = structuredClone({
        ...state,
        structure: { ...state.structure, rows: { ...state.structure.rows } },
        checkIns: { ...state.checkIns, rows: { ...state.checkIns.rows } },
      });
      const rows = copy[table].rows as Record<string, Int32Array | Float64Array | Uint8Array>;
      rows[column] = rows[column].slice();
      rows[column][row] = value;
      return copy;
    };
    expect(CycleTimeline.fromState('t1', 'q1', structuredClone(state)).state()).toEqual(state);
    expect(() => CycleTimeline.fromState('t1', 'q1', withColumn('checkIns', 'keyResult', 3, state.keyResults.length))).toThrow(
      /Check-in row 3: no key result/,
    );
    expect(() => CycleTimeline.fromState('t1', 'q1', withColumn('structure', 'subject', 0, -1))).toThrow(/Structural change row 0/);
    expect(() => CycleTimeline.fromState('t1', 'q1', withColumn('structure', 'kind', 1, 99))).toThrow(
      /Structural change row 1 \(kind 99\)/,
    );
  });
});
