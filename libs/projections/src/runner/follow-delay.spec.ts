import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, WriteBatch } from '@okr/read-model';
import { ProjectionRunner } from './projection-runner';
import { Count, counterProjection, happened } from './testing/counter-projection';

/** A read store that counts the batches written to it. */
function countingStore(): { store: InMemoryReadModelStore; batches: () => number } {
  const store = new InMemoryReadModelStore();
  let batches = 0;
  const apply = store.apply.bind(store);
  store.apply = async (batch: WriteBatch) => {
    if (batch.ops.length > 0) batches++;
    return apply(batch);
  };
  return { store, batches: () => batches };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProjectionRunner following live with followDelayMs', () => {
  it('gathers the commits of the delay into one batch, with the same documents as without it', async () => {
    const results: { batches: number; count: number }[] = [];
    for (const followDelayMs of [0, 200]) {
      const events = new InMemoryEventStore();
      const { store, batches } = countingStore();
      const runner = new ProjectionRunner(events, store, counterProjection, { followDelayMs, idleWaitMs: 5 });
      await runner.start();
      await events.appendToStream('s', [happened(0)]);
      await runner.waitForPosition(1, 2000);
      const before = batches();
      // Ten commits a few ms apart, nobody waiting for them.
      for (let i = 1; i <= 10; i++) {
        await events.appendToStream('s', [happened(i)]);
        await sleep(3);
      }
      while (runner.status().position < 11) await sleep(10);
      await runner.stop();
      const count = ((await (await store.collection<Count>({ name: 'counts', indexes: [] })).get('all')) as Count).count;
      results.push({ batches: batches() - before, count });
    }
    expect(results[0].count).toBe(11);
    expect(results[1].count).toBe(11);
    expect(results[1].batches).toBeLessThan(results[0].batches);
    expect(results[1].batches).toBeLessThanOrEqual(2);
  });

  it('ends the delay at once for a reader waiting for a position, and on stop', async () => {
    const events = new InMemoryEventStore();
    const runner = new ProjectionRunner(events, new InMemoryReadModelStore(), counterProjection, { followDelayMs: 60_000, idleWaitMs: 5 });
    await runner.start();
    await events.appendToStream('s', [happened(0)]);
    expect(await runner.waitForPosition(1, 2000)).toBe(true);
    // The runner now sits in its (one-minute) delay; a read-your-writes wait must not.
    await events.appendToStream('s', [happened(1)]);
    const started = Date.now();
    expect(await runner.waitForPosition(2, 5000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    await events.appendToStream('s', [happened(2)]);
    const stopping = Date.now();
    await runner.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
  });

  it('refuses a negative or non-numeric delay', () => {
    expect(
      () => new ProjectionRunner(new InMemoryEventStore(), new InMemoryReadModelStore(), counterProjection, { followDelayMs: -1 }),
    ).toThrow(RangeError);
    expect(
      () => new ProjectionRunner(new InMemoryEventStore(), new InMemoryReadModelStore(), counterProjection, { followDelayMs: Number.NaN }),
    ).toThrow(RangeError);
  });
});
