import { EventToAppend, InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelDocument, WriteBatch } from '@okr/read-model';
import { DocumentChange, Projection } from '../projection';
import { ProjectionRunner } from './projection-runner';

type Count = ReadModelDocument & { count: number };

const counter: Projection = {
  name: 'counter',
  version: 1,
  collections: [{ name: 'counts', indexes: [] }],
  async project(event, read): Promise<DocumentChange[]> {
    const doc = (await read.get<Count>('counts', 'all')) ?? { id: 'all', version: 0, count: 0 };
    return [{ kind: 'put', collection: 'counts', doc: { ...doc, count: doc.count + 1 } }];
  },
};

function happened(i: number): EventToAppend {
  return {
    type: 'Happened',
    data: { i },
    metadata: { eventId: `e${i}`, tenantId: 't', actorId: 'a', correlationId: 'c', causationId: 'c', commandId: 'c', recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

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
      const runner = new ProjectionRunner(events, store, counter, { followDelayMs, idleWaitMs: 5 });
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
    const runner = new ProjectionRunner(events, new InMemoryReadModelStore(), counter, { followDelayMs: 60_000, idleWaitMs: 5 });
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
    expect(() => new ProjectionRunner(new InMemoryEventStore(), new InMemoryReadModelStore(), counter, { followDelayMs: -1 })).toThrow(RangeError);
    expect(() => new ProjectionRunner(new InMemoryEventStore(), new InMemoryReadModelStore(), counter, { followDelayMs: Number.NaN })).toThrow(RangeError);
  });
});
