import { AccessDeniedError, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AllStreamSubscription } from '@eventstore/db-client';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { DuplicateEventIdError, StoredEvent, WrongExpectedRevisionError } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { testEvent } from '../testing/test-events';
import { sleep, waitUntil } from '../testing/wait-until';
import { appendEventIds } from './append-event-ids';
import { EventStoreDbUnavailableError } from './error-translation';
import { EventStoreDbEventStore, EventStoreDbTuning } from './eventstoredb-event-store';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { FakeEventStoreDbClient, FakeEventStoreDbOptions } from './testing/fake-eventstoredb-client';
import { eventStoreDbPositionOf } from './position-mapping';

const FAKE_SERVER = 'esdb://fake-eventstoredb:2113?tls=false';
const FAST: EventStoreDbTuning = { reconnectBackoff: { initialDelayMs: 5, maxDelayMs: 20 } };

// The shared contract, through the adapter's real logic, against the in-memory fake of the client (the real
// server run is eventstoredb-event-store.backend-spec.ts).
eventStoreContract('EventStoreDbEventStore (in-memory fake of the client)', () =>
  EventStoreDbEventStore.open(new FakeEventStoreDbClient(), { connectionString: FAKE_SERVER }, FAST),
);

describe('EventStoreDbEventStore', () => {
  const opened: EventStoreDbEventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  async function open(fake = new FakeEventStoreDbClient(), options: { streamPrefix?: string; tuning?: EventStoreDbTuning } = {}) {
    const settings = { connectionString: FAKE_SERVER, streamPrefix: options.streamPrefix };
    const store = await EventStoreDbEventStore.open(fake, settings, { ...FAST, ...options.tuning });
    opened.push(store);
    return store;
  }
  const fakeWith = (options: FakeEventStoreDbOptions) => new FakeEventStoreDbClient(options);

  describe('streams and events in EventStoreDB', () => {
    it('writes the port stream objective-1 as okr.objective-1, which the $by_category projection files under $ce-okr.objective', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const events = [testEvent('ObjectiveCreated', { title: 'Grow' }), testEvent('ObjectiveRenamed', { title: 'Grow more' })];
      await store.appendToStream('objective-1', events, { expectedRevision: 'no_stream' });

      const written = fake.log.filter((record) => record.streamName === 'okr.objective-1');
      expect(written.map((record) => [record.type, record.revision, record.isJson])).toEqual([
        ['ObjectiveCreated', 0n, true],
        ['ObjectiveRenamed', 1n, true],
      ]);
      expect(written.map((record) => record.id)).toEqual(appendEventIds(events.map((event) => event.metadata.eventId)));
      expect(JSON.parse(written[1].metadata as string)).toEqual(events[1].metadata);
      expect(fake.log.filter((record) => record.streamName === '$ce-okr.objective').map((record) => record.type)).toEqual(['$>', '$>']);
      expect(store.streamNameOf('objective-1')).toBe('okr.objective-1');
      expect(store.streamPrefix).toBe('okr');
    });

    it('reads from $all only its own events: no system events, other applications or other deployments', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const staging = await open(fake, { streamPrefix: 'okr_staging' });
      await store.appendToStream('objective-1', [testEvent('Mine', 1)]);
      fake.writeRaw('billing-7', 'InvoiceSent', { total: 3 });
      await staging.appendToStream('objective-1', [testEvent('Staging', 2)]);
      fake.writeRaw('$$okr.objective-1', '$metadata', { $maxCount: 10 });
      fake.writeRaw('okr.objective-1', '$streamDeleted', {}, { eventId: 'tombstone' });
      await store.appendToStream('keyresult-1', [testEvent('MineToo', 3)]);
      fake.writeRaw('billing-8', 'InvoiceSent', { total: 4 });

      const all = await store.readAll();
      expect(all.map((event) => [event.streamId, event.type])).toEqual([
        ['objective-1', 'Mine'],
        ['keyresult-1', 'MineToo'],
      ]);
      expect((await staging.readAll()).map((event) => event.type)).toEqual(['Staging']);
      expect(await store.headPosition()).toBe(all[1].position);
      expect((await store.readStream('objective-1')).map((event) => event.type)).toEqual(['Mine']);
      expect(fake.log.length).toBeGreaterThan(8);

      const delivered: StoredEvent[] = [];
      const subscription = store.subscribeToAll((event) => void delivered.push(event));
      await subscription.caughtUp;
      expect(delivered).toEqual(all);
      fake.writeRaw('billing-9', 'InvoiceSent', {});
      await staging.appendToStream('objective-2', [testEvent('Staging', 5)]);
      await store.appendToStream('objective-1', [testEvent('Live', 6)]);
      await waitUntil(() => delivered.length === 3, { description: 'the live event' });
      await sleep(10);
      expect(delivered.map((event) => event.type)).toEqual(['Mine', 'MineToo', 'Live']);
      await subscription.stop();
    });

    it('attaches the exact {commit, prepare} of every event read or delivered, equal to {position, position}', async () => {
      const store = await open();
      const result = await store.appendToStream('team-1', [testEvent('A', 1), testEvent('B', 2)]);
      const [fromStream, fromAll] = [await store.readStream('team-1'), await store.readAll()];
      const delivered: StoredEvent[] = [];
      const subscription = store.subscribeToAll((event) => void delivered.push(event));
      await subscription.caughtUp;
      for (const event of [...fromStream, ...fromAll, ...delivered]) {
        expect(eventStoreDbPositionOf(event)).toEqual({ commit: BigInt(event.position), prepare: BigInt(event.position) });
      }
      expect(fromAll[1].position).toBe(result.position);
      expect(fromAll[1].position - fromAll[0].position).toBeGreaterThan(1); // byte offsets: not 1, 2, 3…
      expect(JSON.parse(JSON.stringify(fromAll))).toEqual(fromAll);
      await subscription.stop();
    });

    it('reads and subscribes after any position, also one that is not an event’s', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake, { tuning: { readPageSize: 2 } });
      await store.appendToStream('s-1', [testEvent('A', 1)]);
      const b = await store.appendToStream('s-1', [testEvent('B', 2)]);
      await store.appendToStream('s-1', [testEvent('C', 3)]);
      for (const after of [b.position - 1, b.position - 40]) {
        expect((await store.readAll({ after })).map((event) => event.type)).toEqual(['B', 'C']);
        expect((await store.readAll({ after, maxCount: 1 })).map((event) => event.type)).toEqual(['B']);
        const delivered: string[] = [];
        const subscription = store.subscribeToAll((event) => void delivered.push(event.type), { after });
        await subscription.caughtUp;
        expect(delivered).toEqual(['B', 'C']);
        await subscription.stop();
      }
      expect((await store.readAll({ after: b.position })).map((event) => event.type)).toEqual(['C']);
      expect(await store.readAll({ after: b.position + 1_000_000 })).toEqual([]);
    });

    it('refuses positions a JS number cannot hold exactly, rather than round them', async () => {
      const fake = fakeWith({ firstPosition: BigInt(Number.MAX_SAFE_INTEGER) - 100n });
      const store = await open(fake);
      await expect(store.appendToStream('s-1', [testEvent('A', 1)])).rejects.toThrow(/cannot be represented exactly as a JS number/);
      await expect(store.readAll()).rejects.toThrow(/cannot be represented exactly/);
    });

    it('stops reading with a clear error when positions go backwards ($all order broken by an explicit transaction)', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const first = await store.appendToStream('s-1', [testEvent('A', 1)]);
      fake.writeRaw('okr.s-2', 'T', 1, testEvent('T', 1).metadata, {
        commit: BigInt(first.position) + 100_000n,
        prepare: BigInt(first.position) - 1n,
      });
      await expect(store.readAll()).rejects.toThrow(/out of order/);
      const errors: unknown[] = [];
      const delivered: string[] = [];
      store.subscribeToAll((event) => void delivered.push(event.type), { onError: (error) => errors.push(error) });
      await waitUntil(() => errors.length === 1, { description: 'the subscription to stop' });
      expect(String(errors[0])).toMatch(/out of order/);
      expect(delivered).toEqual(['A']);
    });

    it('says which server version it needs when stream reads carry no positions (servers before 22.6)', async () => {
      const store = await open(fakeWith({ streamReadPositions: false }));
      await store.appendToStream('s-1', [testEvent('A', 1)]);
      await expect(store.readStream('s-1')).rejects.toThrow(/no position for event 0 of stream s-1.*22\.10 or later/);
    });

    it('reads the position of the last event when the server returns none with the append', async () => {
      const fake = fakeWith({ appendPositions: false });
      const store = await open(fake);
      const result = await store.appendToStream('s-1', [testEvent('A', 1), testEvent('B', 2)]);
      const read = await store.readStream('s-1');
      expect(result).toEqual({ nextExpectedRevision: 1, position: read[1].position });
    });

    it('refuses bad input before sending anything', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      await expect(store.appendToStream('objective-1\n', [testEvent('A', 1)])).rejects.toThrow(/control characters/);
      await expect(store.appendToStream('s', [testEvent('$metadata', 1)])).rejects.toThrow(/reserves for system events/);
      await expect(store.appendToStream('s', [testEvent('A', { n: 1n })])).rejects.toThrow(TypeError);
      await expect(store.appendToStream('s', [testEvent('A', 1)], { expectedRevision: -2 })).rejects.toThrow(RangeError);
      await expect(store.appendToStream('', [testEvent('A', 1)])).rejects.toThrow(TypeError);
      await expect(store.readStream('s', { maxCount: -1 })).rejects.toThrow(RangeError);
      await expect(store.readAll({ after: 1.5 })).rejects.toThrow(RangeError);
      expect(() => store.subscribeToAll(() => undefined, { after: -1 })).toThrow(RangeError);
      expect(fake.calls.appendToStream).toBe(0);
    });

    it('wraps an outage in EventStoreDbUnavailableError naming the server and what failed', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      fake.goOffline();
      const error = await store
        .appendToStream('objective-1', [testEvent('A', 1)], { expectedRevision: 'no_stream' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EventStoreDbUnavailableError);
      expect((error as Error).message).toMatch(
        /^EventStoreDB at esdb:\/\/fake-eventstoredb:2113\?tls=false is unavailable \(append to objective-1\): 14 UNAVAILABLE/,
      );
      await expect(store.readStream('objective-1')).rejects.toBeInstanceOf(EventStoreDbUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreDbUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreDbUnavailableError);
      fake.goOnline();
      const retried = store.appendToStream('objective-1', [testEvent('A', 1)], { expectedRevision: 'no_stream' });
      await expect(retried).resolves.toMatchObject({ nextExpectedRevision: 0 });
    });
  });

  describe('idempotency and concurrency across processes (two stores on one server)', () => {
    async function twoProcesses() {
      const fake = new FakeEventStoreDbClient();
      return { fake, one: await open(fake), two: await open(fake) };
    }
    const written = (fake: FakeEventStoreDbClient, stream: string) =>
      fake.log.filter((record) => record.streamName === `okr.${stream}`).length;

    it('an exact retry with the expected revision of the original returns the original result, even after the stream moved on', async () => {
      const { fake, one, two } = await twoProcesses();
      await one.appendToStream('s', [testEvent('First', 0)]);
      const batch = [testEvent('A', 1), testEvent('B', 2)];
      const original = await one.appendToStream('s', batch, { expectedRevision: 0 });
      await one.appendToStream('s', [testEvent('Later', 3)], { expectedRevision: 2 });

      await expect(two.appendToStream('s', batch, { expectedRevision: 0 })).resolves.toEqual(original);
      await expect(two.appendToStream('s', batch, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
      await expect(two.appendToStream('s', batch, { expectedRevision: 7 })).resolves.toEqual(original);
      await expect(two.appendToStream('s', batch)).resolves.toEqual(original);
      expect(written(fake, 's')).toBe(4);
    });

    it('an exact retry of the append that created the stream (its one event at revision 0) is recognised by the server too', async () => {
      const { fake, one, two } = await twoProcesses();
      const created = [testEvent('Created', 0)];
      const original = await one.appendToStream('s', created, { expectedRevision: 'no_stream' });
      await expect(two.appendToStream('s', created, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
      await expect(two.appendToStream('s', created)).resolves.toEqual(original);
      expect(written(fake, 's')).toBe(1);
    });

    it('any other re-use of ids already in the stream is a DuplicateEventIdError, whatever the expected revision', async () => {
      const { fake, one, two } = await twoProcesses();
      const [a, b, c] = [testEvent('A', 1), testEvent('B', 2), testEvent('C', 3)];
      await one.appendToStream('s', [a, b, c], { expectedRevision: 'no_stream' });

      await expect(two.appendToStream('s', [a, b], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(two.appendToStream('s', [b, c], { expectedRevision: 0 })).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(two.appendToStream('s', [c, b, a], { expectedRevision: 5 })).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(two.appendToStream('s', [testEvent('New', 4), b])).rejects.toMatchObject({ eventId: b.metadata.eventId });
      await expect(two.appendToStream('s', [a, b, c, testEvent('D', 4)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(written(fake, 's')).toBe(3);
    });

    it('a conflict without re-used ids is a WrongExpectedRevisionError with the actual revision', async () => {
      const { one, two } = await twoProcesses();
      await one.appendToStream('s', [testEvent('A', 1), testEvent('B', 2)]);
      await expect(two.appendToStream('s', [testEvent('C', 3)], { expectedRevision: 0 })).rejects.toMatchObject({ expected: 0, actual: 1 });
      await expect(two.appendToStream('s', [testEvent('C', 3)], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        expected: 'no_stream',
        actual: 1,
      });
      const error = await two.appendToStream('missing', [testEvent('C', 3)], { expectedRevision: 3 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'missing', actual: -1 });
    });

    it("'any' appends after whatever another process wrote", async () => {
      const { one, two } = await twoProcesses();
      await one.appendToStream('s', [testEvent('A', 1)]);
      await two.appendToStream('s', [testEvent('B', 2)]);
      await one.appendToStream('s', [testEvent('C', 3)]);
      expect((await two.readStream('s')).map((event) => [event.type, event.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
    });

    it("gives up an 'any' append, with a clear error, when other writers get in between every time", async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const conflict = new WrongExpectedVersionError(undefined, { streamName: 'okr.busy', expected: NO_STREAM, current: 0n });
      const append = jest.spyOn(fake, 'appendToStream').mockRejectedValue(conflict);
      const error = await failure(store.appendToStream('busy', [testEvent('A', 1)]));
      expect(error.message).toBe("Could not append to busy (expected revision 'any'): other writers appended in between 10 times in a row");
      expect(error.cause).toBe(conflict);
      expect(append).toHaveBeenCalledTimes(10);
    });

    it('recognises its own recent appends without a round trip', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const batch = [testEvent('A', 1)];
      const original = await store.appendToStream('s', batch, { expectedRevision: 'no_stream' });
      const calls = { ...fake.calls };
      await expect(store.appendToStream('s', batch, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
      await expect(store.appendToStream('other', batch)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(fake.calls).toEqual(calls);
    });

    it('an append with an exact expected revision costs one round trip', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const before = { ...fake.calls };
      await store.appendToStream('s', [testEvent('A', 1)], { expectedRevision: 'no_stream' });
      await store.appendToStream('s', [testEvent('B', 2)], { expectedRevision: 0 });
      expect(fake.calls).toEqual({ ...before, appendToStream: before.appendToStream + 2 });
    });

    it('with throwOnAppendFailure=false in the connection string, a refused append is still a WrongExpectedRevisionError', async () => {
      const fake = fakeWith({ throwOnAppendFailure: false });
      const store = await open(fake);
      const other = await open(fake);
      await store.appendToStream('s', [testEvent('A', 1)]);
      await expect(other.appendToStream('s', [testEvent('B', 2)], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ actual: 0 });
      await other.appendToStream('s', [testEvent('C', 3)]);
      expect((await store.readStream('s')).map((event) => event.type)).toEqual(['A', 'C']);
    });
  });

  describe('connecting and health', () => {
    it('fails fast when the server does not answer, naming it without credentials, and releases the client', async () => {
      const fake = new FakeEventStoreDbClient();
      fake.hang();
      const started = Date.now();
      const error = await failure(
        EventStoreDbEventStore.open(fake, { connectionString: 'esdb://admin:s3cret@db:2113?tls=false', connectTimeoutMs: 60 }),
      );
      expect(error.message).toBe('Cannot connect to EventStoreDB at esdb://***@db:2113?tls=false: no answer within 60 ms');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(fake.disposed).toBe(true);
    });

    it('fails fast when the server refuses the connection', async () => {
      const fake = new FakeEventStoreDbClient();
      fake.goOffline();
      await expect(EventStoreDbEventStore.open(fake, { connectionString: FAKE_SERVER })).rejects.toThrow(
        /^Cannot connect to EventStoreDB at esdb:\/\/fake-eventstoredb:2113\?tls=false: 14 UNAVAILABLE/,
      );
      expect(fake.disposed).toBe(true);
    });

    it('connect() with the real client fails fast when nothing listens at the address', async () => {
      const port = await closedPort();
      const started = Date.now();
      const connectionString = `esdb://admin:pa55word@127.0.0.1:${port}?tls=false`;
      const error = await failure(EventStoreDbEventStore.connect({ connectionString, connectTimeoutMs: 4000 }));
      expect(error.message).toMatch(
        new RegExp(`^Cannot connect to EventStoreDB at esdb://\\*\\*\\*@127\\.0\\.0\\.1:${port}\\?tls=false: `),
      );
      expect(error.message).not.toMatch(/pa55word|admin/);
      expect(Date.now() - started).toBeLessThan(6000);
    });

    it('connect() refuses a malformed connection string without showing credentials', async () => {
      await expect(EventStoreDbEventStore.connect({ connectionString: 'http://admin:pa55word@db:2113' })).rejects.toThrow(
        /^Invalid EventStoreDB connection string http:\/\/\*\*\*@db:2113: Unexpected "http:\/\/" at position 0, expected esdb:\/\/ or esdb\+discover:\/\//,
      );
      const error = await failure(EventStoreDbEventStore.connect({ connectionString: 'esdb://admin:pa55word@db:2113?tls=maybe' }));
      expect(error.message).not.toMatch(/pa55word/);
      await expect(EventStoreDbEventStore.connect({ connectionString: '' })).rejects.toThrow(/connectionString is required/);
      await expect(EventStoreDbEventStore.connect({ connectionString: 'esdb://db:2113', streamPrefix: 'a-b' })).rejects.toThrow(
        /stream prefix/,
      );
      const fake = new FakeEventStoreDbClient();
      await expect(EventStoreDbEventStore.open(fake, { connectionString: FAKE_SERVER, streamPrefix: 'a.b' })).rejects.toThrow(RangeError);
      expect(fake.disposed).toBe(true);
    });

    it('ping reports up with its latency, down with the reason, and never throws', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const up = await store.ping();
      expect(up.status).toBe('up');
      expect(up.latencyMs).toBeGreaterThanOrEqual(0);
      expect(up.error).toBeUndefined();
      fake.goOffline();
      await expect(store.ping()).resolves.toMatchObject({ status: 'down', error: expect.stringMatching(/UNAVAILABLE/) });
      fake.goOnline();
      await expect(store.ping()).resolves.toMatchObject({ status: 'up' });
      await store.close();
      await expect(store.ping()).resolves.toEqual({ status: 'down', latencyMs: 0, error: 'the store is closed' });
    });

    it('close() stops the subscriptions and releases the client; use after close is refused', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const subscription = store.subscribeToAll(() => undefined);
      await subscription.caughtUp;
      await waitUntil(() => fake.activeSubscriptions === 1, { description: 'the server subscription' });
      await store.close();
      expect(fake.activeSubscriptions).toBe(0);
      expect(fake.disposed).toBe(true);
      await store.close();
      await expect(store.appendToStream('s', [testEvent('A', 1)])).rejects.toThrow('EventStoreDbEventStore is closed');
      await expect(store.readStream('s')).rejects.toThrow('closed');
      await expect(store.headPosition()).rejects.toThrow('closed');
      expect(() => store.subscribeToAll(() => undefined)).toThrow('closed');
    });
  });

  describe('subscriptions', () => {
    it('resubscribe after the connection drops, from the last delivered event: each event once, in order', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      const writer = await open(fake);
      const delivered: string[] = [];
      const subscription = store.subscribeToAll((event) => void delivered.push(event.type)) as EventStoreDbSubscription;
      await subscription.caughtUp;
      await writer.appendToStream('s', [testEvent('A', 1), testEvent('B', 2)]);
      await waitUntil(() => delivered.length === 2, { description: 'A and B' });

      fake.goOffline();
      await expect(writer.appendToStream('s', [testEvent('Lost', 0)])).rejects.toBeInstanceOf(EventStoreDbUnavailableError);
      await sleep(40); // several failed resubscriptions
      fake.goOnline();
      await writer.appendToStream('s', [testEvent('C', 3)]);
      await waitUntil(() => delivered.length === 3, { description: 'C after the outage' });
      await writer.appendToStream('s', [testEvent('D', 4)]);
      await waitUntil(() => delivered.length === 4, { description: 'D live' });
      await sleep(20);
      expect(delivered).toEqual(['A', 'B', 'C', 'D']);
      expect(subscription.connections).toBeGreaterThanOrEqual(3);
      expect(fake.activeSubscriptions).toBe(1);
      await subscription.stop();
      expect(fake.activeSubscriptions).toBe(0);
    });

    it('catches up with what was written while it was disconnected', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake, { tuning: { reconnectBackoff: { initialDelayMs: 50, maxDelayMs: 50 } } });
      const writer = await open(fake);
      const delivered: string[] = [];
      const subscription = store.subscribeToAll((event) => void delivered.push(event.type));
      await subscription.caughtUp;
      fake.goOffline();
      fake.goOnline();
      // The subscription is waiting to resubscribe; these land in the gap.
      await writer.appendToStream('s', [testEvent('X', 1), testEvent('Y', 2)]);
      await waitUntil(() => delivered.length === 2, { description: 'events written during the gap' });
      expect(delivered).toEqual(['X', 'Y']);
      await subscription.stop();
    });

    it('a transient failure before the start is retried too', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      await store.appendToStream('s', [testEvent('A', 1)]);
      fake.goOffline();
      const delivered: string[] = [];
      const subscription = store.subscribeToAll((event) => void delivered.push(event.type));
      await sleep(30);
      fake.goOnline();
      await subscription.caughtUp;
      expect(delivered).toEqual(['A']);
      await subscription.stop();
    });

    it('knows when it caught up without the server’s caught-up signal (servers before 23.10)', async () => {
      const fake = fakeWith({ emitsCaughtUp: false });
      const store = await open(fake);
      await store.appendToStream('s', [testEvent('A', 1), testEvent('B', 2)]);
      fake.writeRaw('billing-1', 'Other', {});
      const delivered: string[] = [];
      const subscription = store.subscribeToAll(async (event) => {
        await sleep(2);
        delivered.push(event.type);
      });
      await subscription.caughtUp;
      expect(delivered).toEqual(['A', 'B']);
      await subscription.stop();
      const empty = await open(fakeWith({ emitsCaughtUp: false }));
      const idle = empty.subscribeToAll(() => undefined);
      await expect(idle.caughtUp).resolves.toBeUndefined();
      await idle.stop();
    });

    it('a failure that retrying cannot fix stops it and goes to onError', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      await store.appendToStream('s', [testEvent('A', 1)]);
      jest.spyOn(fake, 'subscribeToAll').mockImplementation(() => {
        const refused = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
        setImmediate(() => refused.emit('error', new AccessDeniedError()));
        return refused as unknown as AllStreamSubscription;
      });
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll(() => undefined, { onError: (error) => errors.push(error) });
      await expect(subscription.caughtUp).rejects.toBeInstanceOf(AccessDeniedError);
      expect(errors).toHaveLength(1);
      await subscription.stop();
    });

    it('an event it cannot decode stops it with a clear error', async () => {
      const fake = new FakeEventStoreDbClient();
      const store = await open(fake);
      fake.writeRaw('okr.s-1', 'Foreign', { x: 1 }, { not: 'ours' });
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll(() => undefined, { onError: (error) => errors.push(error) });
      await expect(subscription.caughtUp).rejects.toThrow(/no JSON metadata with an eventId/);
      expect(errors).toHaveLength(1);
    });
  });
});

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (caught: unknown) => ({ caught }),
  );
  if (!outcome) throw new Error('expected a rejection');
  expect(outcome.caught).toBeInstanceOf(Error);
  return outcome.caught as Error;
}

/** A TCP port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
