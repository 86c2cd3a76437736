import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelStore } from '@okr/read-model';
import { Collections, OKR_COLLECTIONS } from '../okr/okr-documents';
import { okrProjection } from '../okr/okr.projection';
import { Projection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { okrEventAppender } from '../testing/okr-event-appender';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PointInTimeSnapshots } from './point-in-time-snapshots';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';
import { MemorySnapshotStore } from './point-in-time-snapshot-store';
import { RecordedUntilEventStore } from './recorded-until-event-store';
import { PointInTimeReplay, replayUntil } from './replay-until';

const START = Date.parse('2026-01-01T08:00:00.000Z');
const MINUTE = 60_000;

/** recordedAt of the n-th event (1-based): one a minute, so event n is the last one recorded at or before this. */
const recordedAtOf = (n: number) => new Date(START + n * MINUTE).toISOString();

/**
 * A small OKR history through the real event types: a cycle, objectives aligned in a tree, key results of
 * several objectives, check-ins (one backdated), a realignment, a moved target and an archive.
 */
async function history(): Promise<{ events: EventStore; count: number }> {
  const events = new InMemoryEventStore();
  const { append, count } = okrEventAppender(events, recordedAtOf);
  await append('cycle-q1', 'CycleScheduled', { cycleId: 'q1', name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' });
  const objectives = ['o0', 'o1', 'o2', 'o3', 'o4'];
  for (const [i, id] of objectives.entries()) {
    await append(`objective-${id}`, 'ObjectiveCreated', {
      objectiveId: id,
      cycleId: 'q1',
      title: `Objective ${i}`,
      description: null,
      ownerId: null,
      teamId: null,
      kind: 'committed',
      carriedOverFrom: null,
    });
    if (i > 0)
      await append(`objective-${id}`, 'ObjectiveAligned', {
        objectiveId: id,
        parentObjectiveId: objectives[Math.floor((i - 1) / 2)],
        weight: i,
      });
    for (let k = 0; k < 2; k++) {
      await append(`keyresult-${id}k${k}`, 'KeyResultAdded', {
        keyResultId: `${id}k${k}`,
        objectiveId: id,
        title: `KR ${i}.${k}`,
        metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
        weight: 1 + k,
        ownerId: null,
        carriedOverFrom: null,
      });
    }
  }
  for (let c = 0; c < 30; c++) {
    const kr = `${objectives[c % objectives.length]}k${c % 2}`;
    const effectiveAt = c === 17 ? '2026-01-01T08:10:00.000Z' : recordedAtOf(count() + 1);
    await append(`keyresult-${kr}`, 'KeyResultCheckedIn', {
      keyResultId: kr,
      checkInId: `ci-${c}`,
      value: (c * 37) % 120,
      confidence: 0.5,
      note: null,
      effectiveAt,
    });
    if (c === 10) await append('objective-o4', 'ObjectiveAligned', { objectiveId: 'o4', parentObjectiveId: 'o2', weight: 2 });
    if (c === 20) await append('keyresult-o1k0', 'KeyResultTargetChanged', { keyResultId: 'o1k0', target: 50, reason: 'moved' });
    if (c === 25) await append('objective-o3', 'ObjectiveArchived', { objectiveId: 'o3' });
  }
  return { events, count: count() };
}

/** Every document of the mutable collections (what point-in-time views read), by collection. */
async function documents(store: ReadModelStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const spec of OKR_COLLECTIONS) {
    if (spec.writeOnly) continue;
    const docs: unknown[] = [];
    for await (const doc of (await store.collection(spec)).scan()) docs.push(doc);
    out[spec.name] = docs;
  }
  return out;
}

/** What the live runner had stored once it had projected the first `n` events (one event per batch, as it follows live). */
async function liveAfter(events: EventStore, n: number): Promise<ReadModelStore> {
  const store = new InMemoryReadModelStore();
  const runner = new ProjectionRunner(events, store, okrProjection, { batchSize: 1 });
  await runner.catchUp({ until: n });
  return store;
}

describe('replayUntil', () => {
  it('gives, for an instant, exactly the documents the live projection had stored by then', async () => {
    const { events, count } = await history();
    for (const n of [0, 1, 6, 14, 25, 33, count - 3, count]) {
      const state = await replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(n)) + 30_000 });
      expect(state.position).toBe(n);
      expect(state.recordedAt).toBe(n === 0 ? null : recordedAtOf(n));
      expect(await documents(state.store)).toEqual(await documents(await liveAfter(events, n)));
    }
  });

  it('includes an event recorded exactly at the instant and nothing recorded after it', async () => {
    const { events } = await history();
    const state = await replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(12)) });
    expect(state.position).toBe(12);
    expect(state.reachedInstant).toBe(true);
    const atHead = await replayUntil(events, { recordedAtOrBefore: Date.parse('2027-01-01T00:00:00Z') });
    expect(atHead.reachedInstant).toBe(false);
    expect(atHead.position).toBe(await events.headPosition());
  });

  it('keeps no documents of write-only collections, and the kept ones equal the live ones', async () => {
    const { events, count } = await history();
    // The okr projection plus a write-only log of the check-ins (the okr projection itself has none since v4).
    const checkInLog = { name: 'check_in_log', indexes: [], writeOnly: true };
    const projection: Projection = {
      ...okrProjection,
      collections: [...okrProjection.collections, checkInLog],
      async project(event, read) {
        const changes = await okrProjection.project(event, read);
        return event.type === 'KeyResultCheckedIn'
          ? [...changes, { kind: 'put', collection: checkInLog.name, doc: { id: `c${event.position}` } }]
          : changes;
      },
    };
    const state = await replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(count)), projection });
    expect(await (await state.store.collection(checkInLog)).count()).toBe(0);
    const live = new InMemoryReadModelStore();
    await new ProjectionRunner(events, live, projection, { batchSize: 1 }).catchUp();
    expect(await (await live.collection(checkInLog)).count()).toBe(30);
    expect(await documents(state.store)).toEqual(await documents(live));
    const kr = await (
      await state.store.collection<{ id: string; version: number; checkInCount: number }>({ name: Collections.keyResults, indexes: [] })
    ).get('o0k0');
    expect(kr?.checkInCount).toBeGreaterThan(0);
  });

  it('gives the same documents when started from a snapshot, and refuses a snapshot later than the instant or of another projection version', async () => {
    const { events, count } = await history();
    const early = await PointInTimeReplay.start(events, { recordedAtOrBefore: Date.parse(recordedAtOf(20)) });
    await early.advance();
    const snapshot = early.snapshot();
    expect(snapshot.position).toBe(20);
    const resumed = await replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(count - 5)), from: snapshot });
    expect(await documents(resumed.store)).toEqual(await documents(await liveAfter(events, count - 5)));
    // A snapshot later than the instant, or of another version of the projection, cannot start a replay.
    await expect(replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(10)), from: snapshot })).rejects.toThrow(RangeError);
    await expect(
      replayUntil(events, { recordedAtOrBefore: Date.parse(recordedAtOf(30)), from: { ...snapshot, version: okrProjection.version + 1 } }),
    ).rejects.toThrow(/cannot start a replay/);
  });
});

describe('PointInTimeSnapshots', () => {
  it('leaves snapshots at fixed positions on the way and answers from them exactly as a replay from zero', async () => {
    const { events, count } = await history();
    const memory = new MemorySnapshotStore(3);
    const snapshots = new PointInTimeSnapshots(events, { every: 10, store: memory, batchSize: 4 });
    const late = await snapshots.stateAt(Date.parse(recordedAtOf(count - 2)));
    expect(late.position).toBe(count - 2);
    expect(await memory.list(okrProjection.name, okrProjection.version)).toHaveLength(3);
    for (const n of [count - 1, 35, 9, 0]) {
      const state = await snapshots.stateAt(Date.parse(recordedAtOf(n)));
      expect(state.position).toBe(n);
      expect(await documents(state.store)).toEqual(await documents(await liveAfter(events, n)));
    }
  });

  it('persists snapshots: another instance (a restarted process) starts from the stored one nearest below the instant, with the same documents', async () => {
    const { events, count } = await history();
    const dir = mkdtempSync(join(tmpdir(), 'pit-replay-'));
    try {
      const file = join(dir, 'point-in-time.db');
      const first = new SqliteSnapshotStore(file);
      const built = await new PointInTimeSnapshots(events, { every: 10, store: first, batchSize: 3 }).buildAhead();
      expect(built).toBe(Math.floor(count / 10));
      expect((await first.list(okrProjection.name, okrProjection.version)).map((s) => s.position)).toEqual(
        [10, 20, 30, 40, 50, 60].filter((p) => p <= count),
      );
      first.close();
      const reopened = new SqliteSnapshotStore(file);
      const load = jest.spyOn(reopened, 'load');
      const snapshots = new PointInTimeSnapshots(events, { every: 10, store: reopened });
      for (const n of [count - 1, 25, 30, 4]) {
        load.mockClear();
        const state = await snapshots.stateAt(Date.parse(recordedAtOf(n)));
        expect(state.position).toBe(n);
        expect(await documents(state.store)).toEqual(await documents(await liveAfter(events, n)));
        // Started from the stored snapshot at the last multiple of 10 (none below 10).
        if (n === count - 1) expect(load).toHaveBeenCalledWith(okrProjection.name, okrProjection.version, Math.floor(n / 10) * 10);
        if (n === 4) expect(load).not.toHaveBeenCalled();
      }
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats a snapshot it cannot read as absent: the answer is replayed from the beginning, still exact', async () => {
    const { events, count } = await history();
    const store = new MemorySnapshotStore(4);
    await store.save({
      projection: okrProjection.name,
      version: okrProjection.version,
      position: 20,
      recordedAt: recordedAtOf(20),
      chunks: [{ collection: Collections.objectives, count: 1, data: Buffer.from('not gzip') }],
    });
    const unreadable: number[] = [];
    const snapshots = new PointInTimeSnapshots(events, {
      every: 1000,
      store,
      onUnreadableSnapshot: (position) => unreadable.push(position),
    });
    const state = await snapshots.stateAt(Date.parse(recordedAtOf(count - 3)));
    expect(unreadable).toEqual([20]);
    expect(await documents(state.store)).toEqual(await documents(await liveAfter(events, count - 3)));
  });

  it('refuses nonsense options', () => {
    const events = new InMemoryEventStore();
    expect(() => new PointInTimeSnapshots(events, { every: 0 })).toThrow(RangeError);
    expect(() => new MemorySnapshotStore(-1)).toThrow(RangeError);
    expect(() => new RecordedUntilEventStore(events, Number.NaN)).toThrow(RangeError);
  });
});
