import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { ResolvedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, StoredEvent } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { testEvent, uniqueStreamId } from '../testing/test-events';
import { waitUntil } from '../testing/wait-until';
import { appendEventIds } from './append-event-ids';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { eventStoreDbPositionOf } from './position-mapping';

/**
 * The event-store contract and EventStoreDB-specific checks against a real server
 * (`EVENTSTORE_URL=esdb://localhost:2113?tls=false npm run test:backends`, EventStoreDB 22.10 or later).
 * Runs only with EVENTSTORE_URL set; the jest project for *.backend-spec.ts files reports
 * "skipped: no EVENTSTORE_URL" otherwise.
 *
 * Every run uses its own stream prefix, so runs against the same (persistent, shared) server never see
 * each other's events, and readAll/headPosition/subscriptions only ever return this run's events.
 */
const url = process.env.EVENTSTORE_URL;
if (!url) throw new Error('EVENTSTORE_URL is not set: this suite needs an EventStoreDB server (e.g. esdb://localhost:2113?tls=false)');
const connectionString: string = url;
const streamPrefix = `okrtest_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

jest.setTimeout(30_000);

const connect = () => EventStoreDbEventStore.connect({ connectionString, streamPrefix });

eventStoreContract('EventStoreDB', connect);

describe(`EventStoreDbEventStore on ${url.replace(/\/\/[^@/]*@/, '//***@')} (prefix ${streamPrefix})`, () => {
  const opened: EventStoreDbEventStore[] = [];
  let raw: EventStoreDBClient;
  const open = async () => {
    const store = await connect();
    opened.push(store);
    return store;
  };

  beforeAll(() => {
    raw = EventStoreDBClient.connectionString(connectionString);
  });
  afterAll(async () => {
    await raw.dispose();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('writes <prefix>.<streamId> streams, with the EventStoreDB ids derived for the append and the metadata verbatim', async () => {
    const store = await open();
    const stream = uniqueStreamId('objective');
    const events = [testEvent('ObjectiveCreated', { title: 'Grow' }, { extra: ['kept'] }), testEvent('ObjectiveRenamed', 'x')];
    await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

    const recorded: ResolvedEvent[] = [];
    for await (const resolved of raw.readStream(`${streamPrefix}.${stream}`, { fromRevision: START, direction: FORWARDS }))
      recorded.push(resolved);
    expect(recorded.map((resolved) => resolved.event?.id)).toEqual(appendEventIds(events.map((event) => event.metadata.eventId)));
    expect(recorded.map((resolved) => resolved.event?.metadata)).toEqual(events.map((event) => event.metadata));
    expect(recorded.every((resolved) => resolved.event?.isJson)).toBe(true);
  });

  it('gRPC appends have commit == prepare, unique per event: the port position is exact and increasing', async () => {
    const store = await open();
    const head = await store.headPosition();
    const stream = uniqueStreamId();
    const result = await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2), testEvent('C', 3)]);
    const fromAll = (await store.readAll({ after: head })).filter((event) => event.streamId === stream);
    const fromStream = await store.readStream(stream);
    expect(fromAll.map((event) => event.position)).toEqual(fromStream.map((event) => event.position));
    for (const event of [...fromAll, ...fromStream]) {
      expect(eventStoreDbPositionOf(event)).toEqual({ commit: BigInt(event.position), prepare: BigInt(event.position) });
    }
    expect(new Set(fromAll.map((event) => event.position)).size).toBe(3);
    expect(result.position).toBe(fromAll[2].position);
  });

  it('across connections: an exact retry with a stale revision returns the original result; a partial one is a DuplicateEventIdError', async () => {
    const [one, two] = [await open(), await open()];
    const stream = uniqueStreamId();
    await one.appendToStream(stream, [testEvent('First', 0)]);
    const batch = [testEvent('A', 1), testEvent('B', 2)];
    const original = await one.appendToStream(stream, batch, { expectedRevision: 0 });
    await one.appendToStream(stream, [testEvent('Later', 3)], { expectedRevision: 2 });

    await expect(two.appendToStream(stream, batch, { expectedRevision: 0 })).resolves.toEqual(original);
    await expect(two.appendToStream(stream, batch, { expectedRevision: 9 })).resolves.toEqual(original);
    await expect(two.appendToStream(stream, batch)).resolves.toEqual(original);
    await expect(two.appendToStream(stream, [batch[0]], { expectedRevision: 0 })).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(two.appendToStream(stream, [batch[1], batch[0]])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect((await two.readStream(stream)).map((event) => event.type)).toEqual(['First', 'A', 'B', 'Later']);
  });

  it('a subscription from a stored checkpoint resumes exactly after it, filtered on the server to this prefix', async () => {
    const store = await open();
    const stream = uniqueStreamId();
    const first = await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)]);
    await store.appendToStream(stream, [testEvent('C', 3)]);
    const delivered: StoredEvent[] = [];
    const subscription = store.subscribeToAll((event) => void delivered.push(event), { after: first.position });
    await subscription.caughtUp;
    await store.appendToStream(stream, [testEvent('D', 4)]);
    await waitUntil(() => delivered.length >= 2, { timeoutMs: 5000, description: 'C and D' });
    // Only this run's streams (the prefix is unique to the run; every stream id of the run holds the run's id).
    const runOf = (streamId: string) => streamId.split('-')[1];
    expect(delivered.every((event) => runOf(event.streamId) === runOf(stream))).toBe(true);
    expect(delivered.filter((event) => event.streamId === stream).map((event) => event.type)).toEqual(['C', 'D']);
    await subscription.stop();
  });

  it('answers the health check', async () => {
    const store = await open();
    await expect(store.ping()).resolves.toMatchObject({ status: 'up' });
  });
});
