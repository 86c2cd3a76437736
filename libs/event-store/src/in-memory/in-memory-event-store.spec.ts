import { eventStoreContract } from '../testing/event-store.contract';
import { testEvent, uniqueStreamId } from '../testing/test-events';
import { waitUntil } from '../testing/wait-until';
import { StoredEvent } from '../event-store.port';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('InMemoryEventStore', () => new InMemoryEventStore());

describe('InMemoryEventStore', () => {
  it('numbers positions 1, 2, 3… from an empty store', async () => {
    const store = new InMemoryEventStore();
    expect(await store.headPosition()).toBe(0);
    await store.appendToStream(uniqueStreamId(), [testEvent('A', 1), testEvent('B', 2)]);
    await store.appendToStream(uniqueStreamId(), [testEvent('C', 3)]);
    expect((await store.readAll()).map((event) => event.position)).toEqual([1, 2, 3]);
    expect(await store.headPosition()).toBe(3);
    await store.close();
  });

  it('catches up across several pages', async () => {
    const store = new InMemoryEventStore({ subscriptionPageSize: 3 });
    const stream = uniqueStreamId();
    await store.appendToStream(
      stream,
      Array.from({ length: 10 }, (_, i) => testEvent('N', i)),
    );
    const seen: StoredEvent[] = [];
    const subscription = store.subscribeToAll((event) => void seen.push(event), { after: 2 });
    await subscription.caughtUp;
    expect(seen.map((event) => event.data)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    await store.appendToStream(stream, [testEvent('N', 10)]);
    await waitUntil(() => seen.length === 9);
    expect(seen[8].data).toBe(10);
    await store.close();
  });

  it('rejects use after close', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.readAll()).rejects.toThrow('closed');
    await expect(store.appendToStream('s', [testEvent('A', 1)])).rejects.toThrow('closed');
    expect(() => store.subscribeToAll(() => undefined)).toThrow('closed');
  });

  it('rejects malformed input', async () => {
    const store = new InMemoryEventStore();
    await expect(store.appendToStream('', [testEvent('A', 1)])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('s', [testEvent('A', 1, { eventId: '' })])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('s', [testEvent('', 1)])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('s', [testEvent('A', 1)], { expectedRevision: 1.5 })).rejects.toThrow(RangeError);
    await expect(store.readStream('s', { maxCount: -1 })).rejects.toThrow(RangeError);
    await expect(store.readAll({ after: -1 })).rejects.toThrow(RangeError);
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });
});
