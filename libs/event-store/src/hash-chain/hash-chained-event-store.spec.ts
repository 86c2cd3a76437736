import { DuplicateEventIdError, EventStore, StoredEvent, WrongExpectedRevisionError } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { eventStoreContract } from '../testing/event-store.contract';
import { testEvent, uniqueStreamId } from '../testing/test-events';
import { eventHash, GENESIS_HASH } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';

eventStoreContract('hash-chained(in-memory)', () => new HashChainedEventStore(new InMemoryEventStore()));
eventStoreContract('hash-chained(sqlite)', () => new HashChainedEventStore(SqliteEventStore.open({ filePath: ':memory:' })));

/** The hash an event must have, recomputed from its stored content. */
function expectedHash(event: StoredEvent, previousHash: string): string {
  const { tenantId, actorId, recordedAt } = event.metadata;
  return eventHash({ type: event.type, data: event.data, tenantId, actorId, recordedAt }, previousHash);
}

/** Checks every link of a stream as stored in the wrapped store. */
function expectChained(events: StoredEvent[]): void {
  let previous = GENESIS_HASH;
  for (const event of events) {
    expect(event.metadata.previousHash).toBe(previous);
    expect(event.metadata.hash).toBe(expectedHash(event, previous));
    previous = event.metadata.hash as string;
  }
}

const adapters: [string, () => EventStore][] = [
  ['in-memory', () => new InMemoryEventStore()],
  ['sqlite', () => SqliteEventStore.open({ filePath: ':memory:' })],
];

describe.each(adapters)('HashChainedEventStore over %s', (_name, open) => {
  let inner: EventStore;
  let store: HashChainedEventStore;

  beforeEach(() => {
    inner = open();
    store = new HashChainedEventStore(inner);
  });

  afterEach(async () => {
    await store.close();
  });

  it('chains events across appends and within a batch, from the genesis hash', async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', { n: 1 })], { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, [testEvent('B', { n: 2 }), testEvent('C', { n: 3, nested: { z: 1, a: [1, 2] } })], {
      expectedRevision: 0,
    });
    await store.appendToStream(stream, [testEvent('D', 'text')], { expectedRevision: 2 });

    const stored = await inner.readStream(stream);
    expect(stored.map((event) => event.type)).toEqual(['A', 'B', 'C', 'D']);
    expectChained(stored);
    expect(stored[0].metadata.previousHash).toBe('');
  });

  it("chains appends with 'any' (and the default) to the stream's last event", async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', 1)], { expectedRevision: 'any' });
    await store.appendToStream(stream, [testEvent('B', 2), testEvent('C', 3)]);
    await store.appendToStream(stream, [testEvent('D', 4)], { expectedRevision: 'any' });
    const stored = await inner.readStream(stream);
    expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
    expectChained(stored);
  });

  it('hashes the JSON round trip of what was appended (undefined members, Dates), so the stored event verifies', async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', { when: new Date('2026-01-01T00:00:00.000Z'), gone: undefined, n: 1 })]);
    const [event] = await inner.readStream(stream);
    expect(event.data).toEqual({ when: '2026-01-01T00:00:00.000Z', n: 1 });
    expectChained([event]);
  });

  it('reads (stream, all, subscriptions) give back exactly what was appended, without the chain keys', async () => {
    const stream = uniqueStreamId();
    const head = await store.headPosition();
    const events = [testEvent('A', { n: 1 }, { traceId: 't-1' }), testEvent('B', { n: 2 })];
    await store.appendToStream(stream, events);

    const strip = (read: StoredEvent[]) => read.map(({ type, data, metadata }) => ({ type, data, metadata }));
    expect(strip(await store.readStream(stream))).toEqual(events);
    expect(strip((await store.readAll({ after: head })).filter((event) => event.streamId === stream))).toEqual(events);
    const delivered: StoredEvent[] = [];
    const subscription = store.subscribeToAll((event) => void delivered.push(event), { after: head });
    await subscription.caughtUp;
    await subscription.stop();
    expect(strip(delivered)).toEqual(events);
    expect((await inner.readStream(stream))[0].metadata).toHaveProperty('hash');
  });

  it('an exact retry returns the original result and writes nothing, with a stale revision or with any', async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('First', 0)]);
    const batch = [testEvent('A', 1), testEvent('B', 2)];
    const original = await store.appendToStream(stream, batch, { expectedRevision: 0 });
    const before = await inner.readStream(stream);

    await expect(store.appendToStream(stream, batch, { expectedRevision: 0 })).resolves.toEqual(original);
    await expect(store.appendToStream(stream, batch)).resolves.toEqual(original);
    await store.appendToStream(stream, [testEvent('Later', 3)], { expectedRevision: 2 });
    await expect(store.appendToStream(stream, batch, { expectedRevision: 0 })).resolves.toEqual(original);
    await expect(store.appendToStream(stream, batch)).resolves.toEqual(original);

    const after = await inner.readStream(stream);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after.map((event) => event.type)).toEqual(['First', 'A', 'B', 'Later']);
    expectChained(after);
  });

  it("conflicts still throw the port's errors and write nothing", async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)], { expectedRevision: 'no_stream' });

    const stale = await store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 0 }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
    expect((stale as WrongExpectedRevisionError).actual).toBe(1);
    await expect(store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 7 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    const reused = (await inner.readStream(stream))[0];
    const duplicate = testEvent('X', 0, { eventId: reused.metadata.eventId });
    await expect(store.appendToStream(stream, [testEvent('New', 1), duplicate])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.appendToStream(uniqueStreamId(), [duplicate])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.appendToStream('', [testEvent('A', 1)])).rejects.toBeInstanceOf(TypeError);

    const stored = await inner.readStream(stream);
    expect(stored).toHaveLength(2);
    expectChained(stored);
  });

  it('of concurrent appends expecting the same revision one wins, and the chain holds', async () => {
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('Start', 0)]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => store.appendToStream(stream, [testEvent('Try', i)], { expectedRevision: 0 })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const anyOutcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.appendToStream(stream, [testEvent('Any', i)])));
    expect(anyOutcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const stored = await inner.readStream(stream);
    expect(stored).toHaveLength(7);
    expectChained(stored);
  });

  it('links to events written before the chain existed, recomputing their hashes from the start', async () => {
    const stream = uniqueStreamId();
    await inner.appendToStream(stream, [testEvent('Legacy1', { a: 1 }), testEvent('Legacy2', { b: 2 })]);
    await store.appendToStream(stream, [testEvent('New', 3)], { expectedRevision: 1 });
    const otherStream = uniqueStreamId();
    await inner.appendToStream(otherStream, [testEvent('Legacy', 1)]);
    await store.appendToStream(otherStream, [testEvent('New', 2)]);

    const [legacy1, legacy2, added] = await inner.readStream(stream);
    expect(legacy1.metadata).not.toHaveProperty('hash');
    const legacyHash = expectedHash(legacy2, expectedHash(legacy1, GENESIS_HASH));
    expect(added.metadata.previousHash).toBe(legacyHash);
    expect(added.metadata.hash).toBe(expectedHash(added, legacyHash));
    const [legacy, next] = await inner.readStream(otherStream);
    expect(next.metadata.previousHash).toBe(expectedHash(legacy, GENESIS_HASH));
  });

  it('links a follow-up append to the hash it just wrote without reading the stream, and reads when another writer moved on', async () => {
    const streamId = uniqueStreamId('remembered');
    const reads = jest.spyOn(inner, 'readStream');
    const first = await store.appendToStream(streamId, [testEvent('A', { n: 1 })], { expectedRevision: 'no_stream' });
    const second = await store.appendToStream(streamId, [testEvent('B', { n: 2 }), testEvent('C', { n: 3 })], {
      expectedRevision: first.nextExpectedRevision,
    });
    await store.appendToStream(streamId, [testEvent('D', { n: 4 })], { expectedRevision: second.nextExpectedRevision });
    expect(reads).not.toHaveBeenCalled();
    // Another writer (straight to the wrapped store, like another process) appends a link of its own.
    const [last] = await inner.readStream(streamId, { fromRevision: 3 });
    const otherHash = expectedHash({ ...last, type: 'E', data: { n: 5 } } as StoredEvent, last.metadata.hash as string);
    const other = testEvent('E', { n: 5 });
    await inner.appendToStream(
      streamId,
      [{ ...other, metadata: { ...other.metadata, previousHash: last.metadata.hash, hash: otherHash } }],
      { expectedRevision: 3 },
    );
    // A stale expectation fails as before; a fresh one reads the other writer's hash and links to it.
    await expect(store.appendToStream(streamId, [testEvent('F', {})], { expectedRevision: 3 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await store.appendToStream(streamId, [testEvent('G', { n: 6 })], { expectedRevision: 4 });
    expect(reads).toHaveBeenCalled();
    reads.mockRestore();
    expectChained(await inner.readStream(streamId));
  });

  it('wrap() does not wrap twice, unwrap() gives the store holding the chain', () => {
    expect(HashChainedEventStore.wrap(store)).toBe(store);
    expect(HashChainedEventStore.unwrap(store)).toBe(inner);
    expect(HashChainedEventStore.unwrap(inner)).toBe(inner);
    expect(() => new HashChainedEventStore(store)).toThrow(TypeError);
    expect(() => new HashChainedEventStore(inner, { maxAnyAttempts: 0 })).toThrow(RangeError);
  });
});
