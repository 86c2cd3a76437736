import { Logger } from '@nestjs/common';
import { CURRENT_SCHEMA_VERSION } from '@okr/domain';
import { EventStore, HashChainedEventStore, SqliteEventStore } from '@okr/event-store';
import {
  CycleTimeline,
  SqliteTimelineCheckpointStore,
  decodeTimelineCheckpoint,
  foldCycleTimeline,
  unsealedTimelineCheckpoint,
} from '@okr/projections';
import { quarterHistory, storeOf } from '@okr/projections/time-series/testing/quarter-history';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../infrastructure/clock';
import { TimelineCheckpointWorkerWriter } from './timeline-checkpoint-worker-writer';
import { TimeSeriesService } from './time-series.service';

/** TimeSeriesService with timeline checkpoints: what a restart of the API finds and folds. */
describe('TimeSeriesService with timeline checkpoints', () => {
  let dir: string;
  let store: EventStore;
  const services: TimeSeriesService[] = [];
  const clock = new ManualClock('2026-06-01T00:00:00.000Z');
  const serviceOn = (file: string, options: { readonly?: boolean } = {}) => {
    const service = new TimeSeriesService(store, clock, { checkpoints: { file, saveEvery: 50, saveDelayMs: 0, ...options } });
    services.push(service);
    return service;
  };
  const savedPosition = (file: string): number | undefined =>
    (
      new BetterSqlite3(file, { readonly: true }).prepare('SELECT position FROM timeline_checkpoints').get() as
        { position: number } | undefined
    )?.position;
  /** Another tenant's quarter appended (it only moves the log's position for t1's timeline). */
  const appendOtherTenant = async (seed: number) => {
    for (const [n, e] of quarterHistory(seed).entries()) {
      await store.appendToStream(`${e.streamId}-t9`, [
        {
          type: e.type,
          data: e.data,
          metadata: {
            eventId: `t9-${seed}-${n}`,
            tenantId: 't9',
            actorId: 'u',
            correlationId: 'c',
            causationId: 'c',
            commandId: 'c',
            recordedAt: new Date(e.recordedAt).toISOString(),
            schemaVersion: CURRENT_SCHEMA_VERSION[e.type] ?? 1,
          },
        },
      ]);
    }
  };
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okr-ts-checkpoints-'));
    store = HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: join(dir, 'okr.db') }));
    await storeOf(quarterHistory(41), store);
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.onModuleDestroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the timeline after answering; after a restart the first answer folds only what was appended since, and is the same', async () => {
    const file = join(dir, 'time-series.db');
    const head = await store.headPosition();
    const first = serviceOn(file);
    const before = (await first.series('t1', 'q1', 'week')).toJSON();
    await until(() => savedPosition(file) === head);
    await first.onModuleDestroy();

    // More events, then a restart: the new service reads from the checkpoint's position on.
    await appendOtherTenant(42);
    const restarted = serviceOn(file);
    restarted.pageSize = 10; // a fold from the start would report positions from 10 on
    const progress: number[] = [];
    const after = (await restarted.series('t1', 'q1', 'week', { onProgress: (position) => progress.push(position) })).toJSON();
    expect(after).toEqual(before);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.min(...progress)).toBeGreaterThan(head);
    const fromStart: number[] = [];
    const fresh = new TimeSeriesService(store, clock);
    fresh.pageSize = 10;
    expect((await fresh.series('t1', 'q1', 'week', { onProgress: (position) => fromStart.push(position) })).toJSON()).toEqual(after);
    expect(Math.min(...fromStart)).toBeLessThan(head); // what the check above tells apart
  });

  it('folds from the start when the checkpoint cannot be used, and saves a good one', async () => {
    const file = join(dir, 'time-series.db');
    const head = await store.headPosition();
    const expected = (await new TimeSeriesService(store, clock).series('t1', 'q1', 'day')).toJSON();
    await serviceOn(file).series('t1', 'q1', 'day');
    await until(() => savedPosition(file) === head);
    const db = new BetterSqlite3(file);
    db.prepare('UPDATE timeline_checkpoints SET columns = zeroblob(LENGTH(columns))').run();
    db.close();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const service = serviceOn(file);
    expect((await service.series('t1', 'q1', 'day')).toJSON()).toEqual(expected);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/folding from the start of the log, the checkpoint is unusable \(Timeline checkpoint damaged \(checksum\)\)/),
    );
    // The good timeline just folded replaces the damaged checkpoint.
    const damaged = () =>
      (
        new BetterSqlite3(file, { readonly: true })
          .prepare('SELECT columns = zeroblob(LENGTH(columns)) AS zero FROM timeline_checkpoints')
          .get() as { zero: number }
      ).zero === 1;
    await until(() => !damaged());
    expect((await serviceOn(file).series('t1', 'q1', 'day')).toJSON()).toEqual(expected);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('only reads checkpoints when read-only (the analyst CLI), and works without the file', async () => {
    const file = join(dir, 'time-series.db');
    const expected = (await new TimeSeriesService(store, clock).series('t1', 'q1', 'week')).toJSON();
    expect((await serviceOn(join(dir, 'missing.db'), { readonly: true }).series('t1', 'q1', 'week')).toJSON()).toEqual(expected);
    await serviceOn(file).series('t1', 'q1', 'week');
    await until(() => savedPosition(file) !== undefined);
    const saved = savedPosition(file);
    await appendOtherTenant(43);
    const reader = serviceOn(file, { readonly: true });
    expect((await reader.series('t1', 'q1', 'week')).toJSON()).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(savedPosition(file)).toBe(saved); // folded 100s of positions further, saved nothing
  });

  it('writes checkpoints in a worker thread, which fails cleanly when it cannot write', async () => {
    const file = join(dir, 'time-series.db');
    const timeline = await foldForSpec(store);
    const unsealed = unsealedTimelineCheckpoint(timeline, 'mark');
    await new TimelineCheckpointWorkerWriter(file).write(unsealed, '2026-06-01T00:00:00.000Z');
    const saved = new SqliteTimelineCheckpointStore(file, { readonly: true });
    expect(saved.load('t1', 'q1')).toEqual({
      ...unsealed,
      columns: Buffer.from(unsealed.columns),
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(decodeTimelineCheckpoint(saved.load('t1', 'q1')!).state()).toEqual(timeline.state());
    saved.close();
    writeFileSync(join(dir, 'a-file'), '');
    await expect(new TimelineCheckpointWorkerWriter(join(dir, 'a-file', 'time-series.db')).write(unsealed, 'now')).rejects.toThrow(
      /timeline checkpoint writer worker failed/,
    );
  });
});

async function foldForSpec(events: EventStore): Promise<CycleTimeline> {
  const timeline = new CycleTimeline('t1', 'q1');
  await foldCycleTimeline(events, timeline, await events.headPosition(), { pageSize: 100 });
  return timeline;
}
