import { HashChainedEventStore, SqliteEventStore } from '@okr/event-store';
import { quarterHistory, storeOf } from '@okr/projections/time-series/testing/quarter-history';
import { ManualClock } from '@okr/platform';
import { TimeSeriesService } from './time-series.service';

describe('TimeSeriesService', () => {
  const clock = new ManualClock('2026-06-01T00:00:00.000Z');

  it('keeps the last timeline: asked again after more events, it folds only those and answers what a fresh fold answers', async () => {
    const history = quarterHistory(41);
    const half = Math.floor(history.length / 2);
    const store = await storeOf(history.slice(0, half), HashChainedEventStore.wrap(SqliteEventStore.open({ filePath: ':memory:' })));
    try {
      const service = new TimeSeriesService(store, clock);
      service.pageSize = 10;
      await service.series('t1', 'q1', 'week');
      await storeOf(history.slice(half), store, half);
      const progress: number[] = [];
      const again = (await service.series('t1', 'q1', 'week', { onProgress: (position) => progress.push(position) })).toJSON();
      expect(Math.min(...progress)).toBeGreaterThan(half);
      const fresh = new TimeSeriesService(store, clock);
      expect((await fresh.series('t1', 'q1', 'week')).toJSON()).toEqual(again);
    } finally {
      await store.close();
    }
  });
});
