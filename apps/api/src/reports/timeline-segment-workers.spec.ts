import { EventStore, HashChainedEventStore, SqliteEventStore, leanLogReaderOf } from '@okr/event-store';
import { TimelineSegmentChunk, readTimelineSegment } from '@okr/projections';
import { quarterHistory, storeOf } from '@okr/projections/time-series/testing/quarter-history';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../infrastructure/clock';
import { TimeSeriesService } from './time-series.service';
import { TimelineSegmentWorkers } from './timeline-segment-workers';

describe('TimelineSegmentWorkers (a worker thread reading half of a time-series fold)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'okr-segment-'));
  const file = join(dir, 'okr.db');
  let store: EventStore;
  let head: number;

  beforeAll(async () => {
    store = HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: file }));
    await storeOf(
      [
        ...quarterHistory(21),
        ...quarterHistory(22).map((e) => ({
          ...e,
          streamId: `${e.streamId}3`,
          data: { ...e.data, cycleId: e.data.cycleId === undefined ? undefined : `${e.data.cycleId as string}3` },
          tenantId: 't3',
        })),
      ],
      store,
    );
    head = await store.headPosition();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a segment on its own connection: the chunks this thread would read, typed arrays included', async () => {
    const request = { tenantId: 't1', after: 40, until: head, pageSize: 13, chunkEvents: 60 };
    const fromWorker = await new TimelineSegmentWorkers(file).read(request);
    const here: TimelineSegmentChunk[] = [];
    await readTimelineSegment(leanLogReaderOf(store)!, request, (chunk) => void here.push(chunk));
    expect(fromWorker.length).toBeGreaterThan(1);
    expect(fromWorker).toEqual(here);
    expect(fromWorker[0].checkIns.position.constructor.name).toBe('Float64Array'); // transferred, not turned into plain objects
  });

  it('fails (and the fold then reads that part itself) when the worker cannot read', async () => {
    await expect(
      new TimelineSegmentWorkers(join(dir, 'missing.db')).read({ tenantId: 't1', after: 0, until: 10, pageSize: 10 }),
    ).rejects.toThrow(/timeline segment worker failed/);
  });

  it('gives the time series the API thread alone gives', async () => {
    const clock = new ManualClock('2026-06-01T00:00:00.000Z');
    const alone = new TimeSeriesService(store, clock);
    const parallel = new TimeSeriesService(store, clock, { segmentWorker: { eventStoreFile: file, from: 1 } });
    for (const interval of ['day', 'week'] as const) {
      const expected = (await alone.series('t1', 'q1', interval)).toJSON();
      // A fresh service each time: the whole log is folded again, in two threads.
      const fresh = new TimeSeriesService(store, clock, { segmentWorker: { eventStoreFile: file, from: 1 } });
      expect((await fresh.series('t1', 'q1', interval)).toJSON()).toEqual(expected);
    }
    expect((await parallel.series('t3', 'q13', 'week')).toJSON()).toEqual((await alone.series('t3', 'q13', 'week')).toJSON());
  });
});
