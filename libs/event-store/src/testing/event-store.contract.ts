import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  START_POSITION,
  StoredEvent,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { testEvent, uniqueStreamId } from './test-events';
import { deferred, sleep, waitUntil } from './wait-until';

/**
 * The behaviour every EventStore adapter must have. Call it from an adapter's spec file:
 *
 *   eventStoreContract('SqliteEventStore', () => SqliteEventStore.open({ filePath: ':memory:' }));
 *
 * A store is created before each test and torn down after it (`teardown`, default `store.close()`).
 * Tests only look at their own streams (unique names per test and per run) and at positions after the head
 * they observed, so the suite also runs against a shared, non-empty server.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStore> | EventStore,
  teardown: (store: EventStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await factory();
    });

    afterEach(async () => {
      await teardown(store);
    });

    /** Events of all streams after `after`, restricted to the given streams (other tests may share the store). */
    async function readAllOf(streams: string[], after: number): Promise<StoredEvent[]> {
      const events = await store.readAll({ after });
      return events.filter((event) => streams.includes(event.streamId));
    }

    /** Expects the promise to reject with an error of the given class, and returns that error. */
    async function rejection<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(type);
      return error as E;
    }

    /** Collects what a subscription delivers, for streams of this test only. */
    function collect(streams: string[], after: number, onError?: (error: unknown) => void) {
      const delivered: StoredEvent[] = [];
      const all: StoredEvent[] = [];
      const subscription = store.subscribeToAll(
        (event) => {
          all.push(event);
          if (streams.includes(event.streamId)) delivered.push(event);
        },
        { after, onError },
      );
      return { delivered, all, subscription };
    }

    describe('appending and reading a stream', () => {
      it('reads back type, data and metadata (extra keys included), revisions from 0 and increasing positions', async () => {
        const stream = uniqueStreamId('order');
        const events = [
          testEvent('ObjectiveCreated', { title: 'Grow', nested: { list: [1, 2, 3], flag: true, none: null } }),
          testEvent('KeyResultAdded', { target: 42.5 }, { traceId: 'trace-7', labels: ['a', 'b'], schemaVersion: 2 }),
          testEvent('ObjectiveRenamed', 'just a string'),
        ];

        const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const read = await store.readStream(stream);

        expect(read.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata }))).toEqual(events);
        expect(read.map((event) => event.streamId)).toEqual([stream, stream, stream]);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(read[0].position).toBeGreaterThanOrEqual(1);
        expect(read[1].position).toBeGreaterThan(read[0].position);
        expect(read[2].position).toBeGreaterThan(read[1].position);
        expect(read[1].metadata.traceId).toBe('trace-7');
        expect(read[1].metadata.labels).toEqual(['a', 'b']);
        expect(result).toEqual<AppendResult>({ nextExpectedRevision: 2, position: read[2].position });
      });

      it('continues revisions across appends and returns the last revision and position of each append', async () => {
        const stream = uniqueStreamId();
        const first = await store.appendToStream(stream, [testEvent('A', 1)]);
        const second = await store.appendToStream(stream, [testEvent('B', 2), testEvent('C', 3)], { expectedRevision: 0 });

        const read = await store.readStream(stream);
        expect(read.map((event) => [event.type, event.revision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
        expect(first).toEqual({ nextExpectedRevision: 0, position: read[0].position });
        expect(second).toEqual({ nextExpectedRevision: 2, position: read[2].position });
      });

      it('returns an empty array for a stream that does not exist', async () => {
        await expect(store.readStream(uniqueStreamId('missing'))).resolves.toEqual([]);
      });

      it('honours fromRevision and maxCount', async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(
          stream,
          [0, 1, 2, 3, 4].map((n) => testEvent('N', n)),
        );
        const revisions = async (options: { fromRevision?: number; maxCount?: number }) =>
          (await store.readStream(stream, options)).map((event) => event.revision);

        await expect(revisions({ fromRevision: 2 })).resolves.toEqual([2, 3, 4]);
        await expect(revisions({ maxCount: 2 })).resolves.toEqual([0, 1]);
        await expect(revisions({ fromRevision: 1, maxCount: 2 })).resolves.toEqual([1, 2]);
        await expect(revisions({ fromRevision: 4, maxCount: 10 })).resolves.toEqual([4]);
        await expect(revisions({ fromRevision: 5 })).resolves.toEqual([]);
        await expect(revisions({ maxCount: 0 })).resolves.toEqual([]);
      });

      it('stores a copy: changing the appended objects afterwards does not change what is read', async () => {
        const stream = uniqueStreamId();
        const event = testEvent('Changed', { value: 1, list: [1] });
        await store.appendToStream(stream, [event]);
        event.data.value = 2;
        event.data.list.push(2);
        event.metadata.actorId = 'someone-else';

        const [read] = await store.readStream(stream);
        expect(read.data).toEqual({ value: 1, list: [1] });
        expect(read.metadata.actorId).toBe('user-1');
      });

      it('an empty append writes nothing and returns the current state of the stream', async () => {
        const stream = uniqueStreamId();
        await expect(store.appendToStream(stream, [], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
          nextExpectedRevision: -1,
        });
        const written = await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)]);
        const head = await store.headPosition();

        await expect(store.appendToStream(stream, [], { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 1 });
        await expect(store.appendToStream(stream, [])).resolves.toMatchObject({ nextExpectedRevision: 1 });
        await rejection(store.appendToStream(stream, [], { expectedRevision: 0 }), WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await readAllOf([stream], head)).toEqual([]);
        expect(written.nextExpectedRevision).toBe(1);
      });
    });

    describe('expected revision', () => {
      it("'no_stream' succeeds on a new stream and fails on an existing one, reporting the actual revision", async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)], { expectedRevision: 'no_stream' });

        const error = await rejection(
          store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 'no_stream' }),
          WrongExpectedRevisionError,
        );
        expect(error.streamId).toBe(stream);
        expect(error.expected).toBe('no_stream');
        expect(error.actual).toBe(1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('an exact revision succeeds when it is the last revision and fails with the actual revision otherwise', async () => {
        const stream = uniqueStreamId();
        const first = await store.appendToStream(stream, [testEvent('A', 1)], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [testEvent('B', 2)], { expectedRevision: first.nextExpectedRevision });
        expect(second.nextExpectedRevision).toBe(1);

        const stale = await rejection(
          store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 0 }),
          WrongExpectedRevisionError,
        );
        expect(stale.expected).toBe(0);
        expect(stale.actual).toBe(1);
        const ahead = await rejection(
          store.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 5 }),
          WrongExpectedRevisionError,
        );
        expect(ahead.actual).toBe(1);
        expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['A', 'B']);
      });

      it('an exact revision on a missing stream fails with actual -1; -1 itself means "no stream"', async () => {
        const stream = uniqueStreamId();
        const error = await rejection(
          store.appendToStream(stream, [testEvent('A', 1)], { expectedRevision: 0 }),
          WrongExpectedRevisionError,
        );
        expect(error.actual).toBe(-1);
        await expect(store.appendToStream(stream, [testEvent('A', 1)], { expectedRevision: -1 })).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
        const again = await rejection(
          store.appendToStream(stream, [testEvent('B', 2)], { expectedRevision: -1 }),
          WrongExpectedRevisionError,
        );
        expect(again.actual).toBe(0);
      });

      it("'any' (the default) always appends", async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('A', 1)], { expectedRevision: 'any' });
        await store.appendToStream(stream, [testEvent('B', 2)], { expectedRevision: 'any' });
        await store.appendToStream(stream, [testEvent('C', 3)]);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('a failed append writes none of its events', async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('A', 1)]);
        const batch = [testEvent('B', 2), testEvent('C', 3)];
        await rejection(store.appendToStream(stream, batch, { expectedRevision: 'no_stream' }), WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(1);
        // The ids were not consumed: the same batch can be appended for real afterwards.
        await expect(store.appendToStream(stream, batch, { expectedRevision: 0 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
      });
    });

    describe('idempotency', () => {
      it('a retry with the same event ids writes nothing and returns the original result', async () => {
        const stream = uniqueStreamId();
        const batch = [testEvent('A', 1), testEvent('B', 2)];
        const original = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        const head = await store.headPosition();

        await expect(store.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
        await expect(store.appendToStream(stream, batch)).resolves.toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await readAllOf([stream], head)).toEqual([]);
      });

      it('a retry still returns the original result after the stream has moved on (stale expected revision)', async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('First', 0)]);
        const batch = [testEvent('A', 1), testEvent('B', 2)];
        const original = await store.appendToStream(stream, batch, { expectedRevision: 0 });
        await store.appendToStream(stream, [testEvent('Later', 3)], { expectedRevision: 2 });

        await expect(store.appendToStream(stream, batch, { expectedRevision: 0 })).resolves.toEqual(original);
        expect(original.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['First', 'A', 'B', 'Later']);
      });

      it('two writers appending the same events (same ids) at the same revision at once: stored once, one result for both', async () => {
        // What two attempts of one request do (a client retrying with its Idempotency-Key after no answer, the first
        // attempt still running elsewhere): they decide on the same revision and append the same event ids.
        const stream = uniqueStreamId();
        const created = [testEvent('Created', 0)];
        const creations = await Promise.all([
          store.appendToStream(stream, created, { expectedRevision: 'no_stream' }),
          store.appendToStream(stream, created, { expectedRevision: 'no_stream' }),
        ]);
        expect(creations[1]).toEqual(creations[0]);
        expect(creations[0].nextExpectedRevision).toBe(0);

        const batch = [testEvent('A', 1), testEvent('B', 2)];
        const appends = await Promise.all([
          store.appendToStream(stream, batch, { expectedRevision: 0 }),
          store.appendToStream(stream, batch, { expectedRevision: 0 }),
        ]);
        expect(appends[1]).toEqual(appends[0]);
        expect(appends[0].nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.metadata.eventId)).toEqual(
          [...created, ...batch].map((event) => event.metadata.eventId),
        );
      });

      it('re-using one event id in a different append throws DuplicateEventIdError and writes nothing', async () => {
        const stream = uniqueStreamId();
        const reused = testEvent('A', 1);
        await store.appendToStream(stream, [reused]);
        const head = await store.headPosition();

        const sameStream = await rejection(store.appendToStream(stream, [testEvent('New', 2), reused]), DuplicateEventIdError);
        expect(sameStream.eventId).toBe(reused.metadata.eventId);
        const otherStream = uniqueStreamId();
        await rejection(store.appendToStream(otherStream, [reused]), DuplicateEventIdError);

        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.readStream(otherStream)).toEqual([]);
        expect(await readAllOf([stream, otherStream], head)).toEqual([]);
      });

      it('a partial or re-ordered retry is not a retry: DuplicateEventIdError', async () => {
        const stream = uniqueStreamId();
        const [a, b, c] = [testEvent('A', 1), testEvent('B', 2), testEvent('C', 3)];
        await store.appendToStream(stream, [a, b, c]);

        await rejection(store.appendToStream(stream, [a, b]), DuplicateEventIdError);
        await rejection(store.appendToStream(stream, [b, c]), DuplicateEventIdError);
        await rejection(store.appendToStream(stream, [c, b, a]), DuplicateEventIdError);
        await rejection(store.appendToStream(stream, [a, b, c, testEvent('D', 4)]), DuplicateEventIdError);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('the same event id twice in one append throws DuplicateEventIdError', async () => {
        const stream = uniqueStreamId();
        const event = testEvent('A', 1);
        const error = await rejection(store.appendToStream(stream, [event, event]), DuplicateEventIdError);
        expect(error.eventId).toBe(event.metadata.eventId);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('global order', () => {
      it('readAll returns events of all streams in append order, with strictly increasing positions', async () => {
        const head = await store.headPosition();
        const [a, b] = [uniqueStreamId('a'), uniqueStreamId('b')];
        const results = [
          await store.appendToStream(a, [testEvent('A1', 1)]),
          await store.appendToStream(b, [testEvent('B1', 1), testEvent('B2', 2)]),
          await store.appendToStream(a, [testEvent('A2', 2)]),
          await store.appendToStream(b, [testEvent('B3', 3)]),
        ];

        const all = await readAllOf([a, b], head);
        expect(all.map((event) => event.type)).toEqual(['A1', 'B1', 'B2', 'A2', 'B3']);
        expect(all.map((event) => [event.streamId, event.revision])).toEqual([
          [a, 0],
          [b, 0],
          [b, 1],
          [a, 1],
          [b, 2],
        ]);
        all.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(all[i].position));
        expect(all[0].position).toBeGreaterThan(head);
        expect(results.map((result) => result.position)).toEqual([all[0], all[2], all[3], all[4]].map((event) => event.position));
      });

      it('pages with after and maxCount', async () => {
        const head = await store.headPosition();
        const stream = uniqueStreamId();
        await store.appendToStream(
          stream,
          [1, 2, 3, 4, 5, 6, 7].map((n) => testEvent('N', n)),
        );
        const expected = await store.readAll({ after: head });

        const paged: StoredEvent[] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 3 });
          expect(page.length).toBeLessThanOrEqual(3);
          if (page.length === 0) break;
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(paged).toEqual(expected);
        expect(paged.filter((event) => event.streamId === stream).map((event) => event.data)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        await expect(store.readAll({ after: head, maxCount: 0 })).resolves.toEqual([]);
        const second = (await readAllOf([stream], expected[2].position)).map((event) => event.data);
        expect(second).toEqual([4, 5, 6, 7]);
      });

      it('headPosition is the position of the last event', async () => {
        const before = await store.headPosition();
        expect(before).toBeGreaterThanOrEqual(START_POSITION);
        const stream = uniqueStreamId();
        const result = await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)]);

        const head = await store.headPosition();
        expect(head).toBeGreaterThan(before);
        expect(head).toBeGreaterThanOrEqual(result.position);
        expect(await readAllOf([stream], head)).toEqual([]);
        expect((await readAllOf([stream], before)).map((event) => event.position)).toContain(result.position);
      });
    });

    describe('concurrency', () => {
      it('of concurrent appends expecting the same revision, exactly one wins', async () => {
        const stream = uniqueStreamId();
        let revision = (await store.appendToStream(stream, [testEvent('Start', 0)])).nextExpectedRevision;
        for (let round = 0; round < 5; round++) {
          const outcomes = await Promise.allSettled(
            Array.from({ length: 6 }, (_, i) =>
              store.appendToStream(stream, [testEvent('Try', { round, i })], { expectedRevision: revision }),
            ),
          );
          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
          expect(winners).toHaveLength(1);
          for (const loser of losers) {
            expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect((loser.reason as WrongExpectedRevisionError).actual).toBe(revision + 1);
          }
          revision += 1;
        }
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it("of concurrent appends with 'no_stream', exactly one creates the stream", async () => {
        const stream = uniqueStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) => store.appendToStream(stream, [testEvent('Create', i)], { expectedRevision: 'no_stream' })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('subscriptions', () => {
      const subscriptions: Subscription[] = [];
      const track = <T extends { subscription: Subscription }>(collected: T): T => {
        subscriptions.push(collected.subscription);
        return collected;
      };

      afterEach(async () => {
        await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      });

      it('catches up from the given position, resolves caughtUp, then delivers new events in order, once each', async () => {
        const [a, b] = [uniqueStreamId('a'), uniqueStreamId('b')];
        const first = await store.appendToStream(a, [testEvent('A1', 1)]);
        await store.appendToStream(b, [testEvent('B1', 1), testEvent('B2', 2)]);

        const { delivered, all, subscription } = track(collect([a, b], first.position));
        await subscription.caughtUp;
        expect(delivered.map((event) => event.type)).toEqual(['B1', 'B2']);

        await store.appendToStream(a, [testEvent('A2', 2)]);
        await store.appendToStream(b, [testEvent('B3', 3), testEvent('B4', 4)]);
        await waitUntil(() => delivered.length >= 5, { description: 'live events' });
        await sleep(20);

        expect(delivered.map((event) => event.type)).toEqual(['B1', 'B2', 'A2', 'B3', 'B4']);
        expect(delivered).toEqual(await readAllOf([a, b], first.position));
        expect(all[0].position).toBeGreaterThan(first.position);
        all.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(all[i].position));
      });

      it('starts from the beginning of the store by default', async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)]);
        const { delivered, subscription } = track(collect([stream], START_POSITION));
        const fromDefault: StoredEvent[] = [];
        const defaultSubscription = store.subscribeToAll((event) => {
          if (event.streamId === stream) fromDefault.push(event);
        });
        subscriptions.push(defaultSubscription);

        await Promise.all([subscription.caughtUp, defaultSubscription.caughtUp]);
        expect(fromDefault.map((event) => event.type)).toEqual(['A', 'B']);
        expect(fromDefault).toEqual(delivered);
      });

      it('delivers one event at a time, waiting for an async handler', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        let running = 0;
        let maxRunning = 0;
        const seen: number[] = [];
        const subscription = store.subscribeToAll(
          async (event) => {
            running += 1;
            maxRunning = Math.max(maxRunning, running);
            await sleep(1);
            if (event.streamId === stream) seen.push(event.data as number);
            running -= 1;
          },
          { after: head },
        );
        subscriptions.push(subscription);

        await store.appendToStream(
          stream,
          [1, 2, 3].map((n) => testEvent('N', n)),
        );
        await store.appendToStream(
          stream,
          [4, 5].map((n) => testEvent('N', n)),
        );
        await waitUntil(() => seen.length === 5, { description: 'five events' });
        expect(seen).toEqual([1, 2, 3, 4, 5]);
        expect(maxRunning).toBe(1);
      });

      it('never calls the handler before subscribeToAll returns', async () => {
        const stream = uniqueStreamId();
        await store.appendToStream(stream, [testEvent('A', 1)]);
        let returned = false;
        let calledEarly = false;
        const subscription = store.subscribeToAll(() => {
          if (!returned) calledEarly = true;
        });
        returned = true;
        subscriptions.push(subscription);
        await subscription.caughtUp;
        expect(calledEarly).toBe(false);
      });

      it('stop() ends delivery', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        const stopped = track(collect([stream], head));
        await stopped.subscription.caughtUp;
        await store.appendToStream(stream, [testEvent('Before', 1)]);
        await waitUntil(() => stopped.delivered.length === 1, { description: 'first event' });

        await stopped.subscription.stop();
        await store.appendToStream(stream, [testEvent('After', 2)]);
        const probe = track(collect([stream], head));
        await waitUntil(() => probe.delivered.length === 2, { description: 'probe to see both events' });
        await sleep(30);

        expect(stopped.delivered.map((event) => event.type)).toEqual(['Before']);
        await stopped.subscription.stop(); // stopping twice is harmless
      });

      it('stop() waits for the handler call in progress, and nothing is delivered after it', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        const release = deferred();
        const started: string[] = [];
        const finished: string[] = [];
        const subscription = store.subscribeToAll(
          async (event) => {
            if (event.streamId !== stream) return;
            started.push(event.type);
            await release.promise;
            finished.push(event.type);
          },
          { after: head },
        );
        subscriptions.push(subscription);
        await store.appendToStream(stream, [testEvent('Slow', 1), testEvent('Next', 2)]);
        await waitUntil(() => started.length === 1, { description: 'handler to start' });

        let stopResolved = false;
        const stopping = subscription.stop().then(() => (stopResolved = true));
        await sleep(10);
        expect(stopResolved).toBe(false);

        release.resolve();
        await stopping;
        expect(finished).toEqual(['Slow']);
        await sleep(10);
        expect(started).toEqual(['Slow']);
      });

      it('two subscriptions are independent', async () => {
        const stream = uniqueStreamId();
        const first = await store.appendToStream(stream, [testEvent('A', 1)]);
        const second = await store.appendToStream(stream, [testEvent('B', 2)]);
        const one = track(collect([stream], first.position - 1));
        const two = track(collect([stream], second.position - 1));
        await Promise.all([one.subscription.caughtUp, two.subscription.caughtUp]);
        expect(one.delivered.map((event) => event.type)).toEqual(['A', 'B']);
        expect(two.delivered.map((event) => event.type)).toEqual(['B']);

        await one.subscription.stop();
        await store.appendToStream(stream, [testEvent('C', 3)]);
        await waitUntil(() => two.delivered.length === 2, { description: 'second subscription to see C' });
        expect(two.delivered.map((event) => event.type)).toEqual(['B', 'C']);
        expect(one.delivered.map((event) => event.type)).toEqual(['A', 'B']);
      });

      it('a throwing handler is reported to onError and stops the subscription', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        const failure = new Error('projection failed');
        const errors: unknown[] = [];
        const handled: string[] = [];
        const subscription = store.subscribeToAll(
          (event) => {
            if (event.streamId !== stream) return;
            if (event.type === 'Boom') throw failure;
            handled.push(event.type);
          },
          { after: head, onError: (error) => errors.push(error) },
        );
        subscriptions.push(subscription);
        await subscription.caughtUp;

        await store.appendToStream(stream, [testEvent('Ok', 1), testEvent('Boom', 2), testEvent('Skipped', 3)]);
        await waitUntil(() => errors.length === 1, { description: 'onError' });
        await store.appendToStream(stream, [testEvent('Later', 4)]);
        const probe = track(collect([stream], head));
        await waitUntil(() => probe.delivered.length === 4, { description: 'probe to see all events' });
        await sleep(20);

        expect(errors).toEqual([failure]);
        expect(handled).toEqual(['Ok']);
        await subscription.stop();
      });

      it('a rejecting async handler during catch-up is reported, and caughtUp rejects with it', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        await store.appendToStream(stream, [testEvent('Boom', 1)]);
        const errors: unknown[] = [];
        const subscription = store.subscribeToAll(
          async (event) => {
            if (event.streamId === stream) throw new Error(`cannot handle ${event.type}`);
          },
          { after: head, onError: (error) => errors.push(error) },
        );
        subscriptions.push(subscription);

        await expect(subscription.caughtUp).rejects.toThrow('cannot handle Boom');
        expect(errors).toHaveLength(1);
        await subscription.stop();
      });

      it('caughtUp resolves when the subscription is stopped before catching up', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        await store.appendToStream(stream, [testEvent('A', 1), testEvent('B', 2)]);
        const release = deferred();
        let calls = 0;
        const subscription = store.subscribeToAll(
          (event) => {
            if (event.streamId !== stream) return undefined;
            calls += 1;
            return release.promise;
          },
          { after: head },
        );
        subscriptions.push(subscription);
        await waitUntil(() => calls === 1, { description: 'handler to start' });
        const stopping = subscription.stop();
        release.resolve();
        await stopping;
        await expect(subscription.caughtUp).resolves.toBeUndefined();
        expect(calls).toBe(1);
      });

      it('close() stops running subscriptions', async () => {
        const stream = uniqueStreamId();
        const head = await store.headPosition();
        const running = collect([stream], head);
        await running.subscription.caughtUp;
        await store.close();
        await expect(running.subscription.stop()).resolves.toBeUndefined();
        await store.close(); // closing twice is harmless
      });
    });
  });
}
