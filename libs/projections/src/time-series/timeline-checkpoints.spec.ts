import { EventStore, HashChainedEventStore, SqliteEventStore } from '@okr/event-store';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CycleTimeline } from './cycle-timeline';
import { foldCycleTimeline } from './fold-cycle-timeline';
import { SqliteTimelineCheckpointStore } from './sqlite-timeline-checkpoint-store';
import { TIMELINE_CHECKPOINT_FORMAT, UnsealedTimelineCheckpoint, sealTimelineCheckpoint } from './timeline-checkpoint';
import { TimelineCheckpoints, logMarkAt } from './timeline-checkpoints';
import { quarterHistory, storeOf } from './testing/quarter-history';

const NOW = new Date('2026-06-10T00:00:00.000Z');

describe('TimelineCheckpoints', () => {
  let dir: string;
  const opened: { close(): unknown }[] = [];
  const sqlite = () => {
    const store = HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: ':memory:' }));
    opened.push(store);
    return store;
  };
  const checkpointsOn = (events: EventStore, file = join(dir, 'time-series.db'), saveEvery = 100) => {
    const checkpoints = new TimelineCheckpoints(events, new SqliteTimelineCheckpointStore(file), { saveEvery, now: () => NOW });
    opened.push(checkpoints);
    return checkpoints;
  };
  const fold = async (events: EventStore, timeline: CycleTimeline, head: number) => {
    await foldCycleTimeline(events, timeline, head, { pageSize: 50 });
    return timeline;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-timeline-checkpoints-'));
  });
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a timeline once it has folded far enough, and restores it after a restart to fold on from there', async () => {
    const history = quarterHistory(31);
    const events = await storeOf(history, sqlite());
    const checkpoints = checkpointsOn(events);
    const timeline = await fold(events, new CycleTimeline('t1', 'q1'), 60);
    expect(await checkpoints.saveIfDue(timeline)).toBe(false); // 60 < 100 positions since nothing
    await fold(events, timeline, 150);
    expect(await checkpoints.saveIfDue(timeline)).toBe(true);
    await fold(events, timeline, 200);
    expect(await checkpoints.saveIfDue(timeline)).toBe(false); // 50 since the last one
    checkpoints.close();

    // A restart: a new process opens the file.
    const restarted = checkpointsOn(events);
    const restored = await restarted.restore('t1', 'q1', history.length);
    expect(restored.reason).toBeUndefined();
    expect(restored.timeline!.position).toBe(150);
    expect(restored.timeline!.state()).toEqual((await fold(events, new CycleTimeline('t1', 'q1'), 150)).state());
    await fold(events, restored.timeline!, history.length);
    expect(restored.timeline!.state()).toEqual((await fold(events, new CycleTimeline('t1', 'q1'), history.length)).state());
    // Counted from the restored position: due again 100 positions after 150.
    expect(await restarted.saveIfDue(restored.timeline!)).toBe(history.length - 150 >= 100);

    const row = new BetterSqlite3(join(dir, 'time-series.db'), { readonly: true })
      .prepare('SELECT tenant_id, cycle_id, format, position, log_mark, saved_at FROM timeline_checkpoints')
      .all();
    expect(row).toEqual([
      {
        tenant_id: 't1',
        cycle_id: 'q1',
        format: TIMELINE_CHECKPOINT_FORMAT,
        position: history.length - 150 >= 100 ? history.length : 150,
        log_mark: await logMarkAt(events, history.length - 150 >= 100 ? history.length : 150),
        saved_at: NOW.toISOString(),
      },
    ]);
  });

  it('keeps one checkpoint per cycle and tenant', async () => {
    const history = quarterHistory(32);
    const events = await storeOf(history, sqlite());
    const checkpoints = checkpointsOn(events, join(dir, 'time-series.db'), 1);
    expect(await checkpoints.saveIfDue(await fold(events, new CycleTimeline('t1', 'q1'), history.length))).toBe(true);
    expect(await checkpoints.saveIfDue(await fold(events, new CycleTimeline('t1', 'q0'), history.length))).toBe(true);
    expect(await checkpoints.saveIfDue(await fold(events, new CycleTimeline('t2', 'x'), history.length))).toBe(true);
    expect((await checkpoints.restore('t1', 'q0', history.length)).timeline?.cycleId).toBe('q0');
    expect((await checkpoints.restore('t2', 'x', history.length)).timeline?.tenantId).toBe('t2');
    expect(await checkpoints.restore('t2', 'q1', history.length)).toEqual({ reason: 'no checkpoint yet' });
  });

  it('refuses a checkpoint the log does not match: another store, a shorter log, another format, a damaged row', async () => {
    const history = quarterHistory(33);
    const events = await storeOf(history, sqlite());
    const file = join(dir, 'time-series.db');
    const checkpoints = checkpointsOn(events, file, 1);
    await checkpoints.saveIfDue(await fold(events, new CycleTimeline('t1', 'q1'), 120));

    // Another store in this one's place: the same history written again (other event ids, as every write has).
    const other = sqlite();
    for (const [n, event] of history.entries()) {
      const [stored] = await events.readAll({ after: n, maxCount: 1 });
      await other.appendToStream(event.streamId, [
        { type: stored.type, data: stored.data, metadata: { ...stored.metadata, eventId: `other-${n}` } },
      ]);
    }
    expect((await checkpointsOn(other, file).restore('t1', 'q1', history.length)).reason).toMatch(
      /does not hold the checkpoint's event at position 120 \(another store\?\)/,
    );
    expect((await checkpointsOn(events, file).restore('t1', 'q1', history.length)).timeline?.position).toBe(120);
    // A log shorter than the checkpoint (a restored backup).
    expect((await checkpoints.restore('t1', 'q1', 100)).reason).toMatch(/beyond the log's head 100/);

    const db = new BetterSqlite3(file);
    try {
      db.prepare('UPDATE timeline_checkpoints SET format = ?').run(TIMELINE_CHECKPOINT_FORMAT + 1);
      expect((await checkpoints.restore('t1', 'q1', history.length)).reason).toMatch(/format/);
      db.prepare('UPDATE timeline_checkpoints SET format = ?, columns = zeroblob(LENGTH(columns))').run(TIMELINE_CHECKPOINT_FORMAT);
      expect((await checkpoints.restore('t1', 'q1', history.length)).reason).toMatch(
        /unusable \(Timeline checkpoint damaged \(checksum\)\)/,
      );
      db.exec('DROP TABLE timeline_checkpoints');
      expect((await checkpoints.restore('t1', 'q1', history.length)).reason).toMatch(/could not be read/);
    } finally {
      db.close();
    }
  });

  it('opens a file read-only for the analyst CLI, and refuses a missing one', async () => {
    const history = quarterHistory(34);
    const events = await storeOf(history, sqlite());
    const file = join(dir, 'time-series.db');
    const writer = checkpointsOn(events, file, 1);
    await writer.saveIfDue(await fold(events, new CycleTimeline('t1', 'q1'), history.length));
    writer.close();
    const reader = new SqliteTimelineCheckpointStore(file, { readonly: true });
    opened.push(reader);
    expect(reader.load('t1', 'q1')?.position).toBe(history.length);
    expect(() => reader.save(reader.load('t1', 'q1')!, NOW.toISOString())).toThrow(/readonly/);
    expect(() => new SqliteTimelineCheckpointStore(join(dir, 'missing.db'), { readonly: true })).toThrow();
  });

  it('hands the encoded checkpoint to a writer when given one (a worker seals and writes it)', async () => {
    const history = quarterHistory(35);
    const events = await storeOf(history, sqlite());
    const file = join(dir, 'time-series.db');
    const written: { checkpoint: UnsealedTimelineCheckpoint; savedAt: string }[] = [];
    const store = new SqliteTimelineCheckpointStore(file);
    const checkpoints = new TimelineCheckpoints(events, store, {
      saveEvery: 1,
      now: () => NOW,
      writer: { write: async (checkpoint, savedAt) => void written.push({ checkpoint, savedAt }) },
    });
    opened.push(checkpoints);
    expect(await checkpoints.saveIfDue(await fold(events, new CycleTimeline('t1', 'q1'), history.length))).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      checkpoint: { tenantId: 't1', cycleId: 'q1', position: history.length, logMark: await logMarkAt(events, history.length) },
      savedAt: NOW.toISOString(),
    });
    expect('checksum' in written[0].checkpoint).toBe(false);
    expect(store.load('t1', 'q1')).toBeUndefined(); // the writer writes, not this thread
    store.save(sealTimelineCheckpoint(written[0].checkpoint), NOW.toISOString());
    expect((await checkpoints.restore('t1', 'q1', history.length)).timeline?.position).toBe(history.length);
  });
});
