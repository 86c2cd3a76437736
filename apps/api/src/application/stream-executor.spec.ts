import { PreconditionFailedException } from '@nestjs/common';
import { KeyResultCommand, StreamCategory, keyResultDecider, streamName } from '@okr/domain';
import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { RandomIdGenerator } from '../infrastructure/id-generator';
import { CommandContext } from './command-context';
import { RequestIds } from './request-ids';
import { StreamExecutor } from './stream-executor';

const krContext = {
  objective: { id: 'o1', title: 'Objective', status: 'open' as const },
  cycle: { id: 'c1', status: 'open' as const, startsOn: '2026-01-01', endsOn: '2026-03-31' },
};
const now = '2026-02-01T10:00:00.000Z';

function context(tenantId = 'default', expectedVersion?: number): CommandContext {
  return {
    principal: { tenantId, userId: 'u1', name: 'User', role: 'editor' },
    now: new Date(now),
    commandId: 'cmd',
    correlationId: 'corr',
    expectedVersion,
  };
}

function checkIn(value: number): KeyResultCommand {
  return {
    type: 'CheckInKeyResult',
    now,
    data: { keyResultId: 'kr1', checkInId: `ci-${value}`, value, confidence: 0.5 },
    context: krContext,
  };
}

/** A store that lets another "process" slip an append in between a read and the next append, N times. */
function racingStore(inner: EventStore, intruder: StreamExecutor, times: number): EventStore {
  let remaining = times;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (remaining > 0) {
            remaining--;
            await intruder.stream(args[0], keyResultDecider).execute(context(), () => checkIn(1000 + remaining));
          }
          return target.appendToStream(...args);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe('StreamExecutor', () => {
  const stream = streamName(StreamCategory.keyResult, 'kr1');
  let store: InMemoryEventStore;
  let other: StreamExecutor;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    other = new StreamExecutor(store, new RandomIdGenerator());
    await other.stream(stream, keyResultDecider).execute(context(), () => ({
      type: 'AddKeyResult',
      now,
      data: { keyResultId: 'kr1', title: 'KR', metric: { type: 'increase', start: 0, target: 10 } },
      context: krContext,
    }));
  });

  it('retries on a conflict caused by another process and re-decides on fresh state', async () => {
    const executor = new StreamExecutor(racingStore(store, other, 3), new RandomIdGenerator());
    const result = await executor.stream(stream, keyResultDecider).execute(context(), () => checkIn(7));
    const events = await store.readStream(stream);
    expect(events.map((e) => (e.data as { value?: number }).value)).toEqual([undefined, 1002, 1001, 1000, 7]);
    expect(result.version).toBe(5);
  });

  it('answers 412 instead of retrying when the caller gave If-Match', async () => {
    const executor = new StreamExecutor(racingStore(store, other, 1), new RandomIdGenerator());
    await expect(executor.stream(stream, keyResultDecider).execute(context('default', 1), () => checkIn(7))).rejects.toBeInstanceOf(
      PreconditionFailedException,
    );
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('treats a stream of another tenant as absent and never appends to it', async () => {
    const loaded = await other.load(stream, keyResultDecider, 'acme');
    expect(loaded).toMatchObject({ version: 0, state: { exists: false } });
    await expect(other.stream(stream, keyResultDecider).execute(context('acme'), () => checkIn(1))).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('brings a cached fold up to date with what another process appended, reading only the new events', async () => {
    const mine = new StreamExecutor(store, new RandomIdGenerator());
    expect((await mine.load(stream, keyResultDecider, 'default')).version).toBe(1);
    await other.stream(stream, keyResultDecider).execute(context(), () => checkIn(5));
    const reads: unknown[] = [];
    const spy = jest.spyOn(store, 'readStream').mockImplementation(async (id, options) => {
      reads.push(options);
      spy.mockRestore();
      return store.readStream(id, options);
    });
    const loaded = await mine.load(stream, keyResultDecider, 'default');
    expect(reads).toEqual([{ fromRevision: 1 }]);
    expect(loaded.version).toBe(2);
    expect(loaded.state).toMatchObject({ current: { value: 5 }, checkInCount: 1 });
  });

  it('decides on its cached fold without reading the stream, and on fresh state when another process appended meanwhile', async () => {
    const mine = new StreamExecutor(store, new RandomIdGenerator());
    await mine.stream(stream, keyResultDecider).execute(context(), () => checkIn(1));
    const reads: unknown[] = [];
    const spy = jest.spyOn(store, 'readStream').mockImplementation(async (id, options) => {
      reads.push(options ?? {});
      return InMemoryEventStore.prototype.readStream.call(store, id, options);
    });
    await mine.stream(stream, keyResultDecider).execute(context(), () => checkIn(2));
    expect(reads).toEqual([]);
    spy.mockRestore();

    await other.stream(stream, keyResultDecider).execute(context(), () => checkIn(5));
    const readsAfter: unknown[] = [];
    const spy2 = jest.spyOn(store, 'readStream').mockImplementation(async (id, options) => {
      readsAfter.push(options ?? {});
      return InMemoryEventStore.prototype.readStream.call(store, id, options);
    });
    const result = await mine.stream(stream, keyResultDecider).execute(context(), () => checkIn(7));
    spy2.mockRestore();
    // The unread fold (version 3) was refused by the store; the retry read the one event appended since.
    expect(readsAfter).toEqual([{ fromRevision: 3 }]);
    expect(result.version).toBe(5);
    const events = await store.readStream(stream);
    expect(events.map((e) => (e.data as { value?: number }).value)).toEqual([undefined, 1, 2, 5, 7]);
  });

  it('confirms on the stream an answer its cached fold alone would give: nothing to do', async () => {
    const mine = new StreamExecutor(store, new RandomIdGenerator());
    const weight = (w: number) => () => ({
      type: 'ChangeKeyResultWeight' as const,
      now,
      data: { keyResultId: 'kr1', weight: w },
      context: krContext,
    });
    expect((await mine.load(stream, keyResultDecider, 'default')).version).toBe(1);
    await other.stream(stream, keyResultDecider).execute(context(), weight(2));
    // Mine still holds weight 1, where asking for 1 changes nothing; the stream says 2.
    const result = await mine.stream(stream, keyResultDecider).execute(context(), weight(1));
    expect(result.events.map((e) => e.type)).toEqual(['KeyResultWeightChanged']);
    expect(result.version).toBe(3);
  });

  it('confirms on the stream an answer its cached fold alone would give: an error', async () => {
    const mine = new StreamExecutor(store, new RandomIdGenerator());
    expect((await mine.load(stream, keyResultDecider, 'default')).version).toBe(1);
    await other.stream(stream, keyResultDecider).execute(context(), () => checkIn(5));
    const result = await mine.stream(stream, keyResultDecider).execute(context(), (state) => {
      if (!state.exists || state.checkInCount === 0) throw new Error('needs a first check-in');
      return checkIn(6);
    });
    expect(result.version).toBe(3);
  });

  it('appends nothing and keeps the version when the decision produces no events', async () => {
    const result = await other.stream(stream, keyResultDecider).execute(context(), () => ({
      type: 'ChangeKeyResultWeight',
      now,
      data: { keyResultId: 'kr1', weight: 1 },
      context: krContext,
    }));
    expect(result).toMatchObject({ version: 1, events: [] });
    expect(await store.headPosition()).toBe(1);
  });

  describe('a request with an Idempotency-Key (RequestIds)', () => {
    const request = { scope: 'default:u1', key: 'key-1', requestHash: 'hash-1' };
    const keyed = (ids = new RequestIds(request)): CommandContext => ({ ...context(), requestIds: ids });
    const weightAndCheckIn = (): KeyResultCommand[] => [
      { type: 'ChangeKeyResultWeight', now, data: { keyResultId: 'kr1', weight: 3 }, context: krContext },
      checkIn(8),
    ];

    it('appends with ids derived from the request: the same on every attempt, others for another request', async () => {
      const ids = (r: RequestIds) => [r.newId(), r.nextAppend('s')(0), r.nextAppend('s')(0), r.nextAppend('s')(1)];
      expect(ids(new RequestIds(request))).toEqual(ids(new RequestIds(request)));
      expect(new Set(ids(new RequestIds(request))).size).toBe(4);
      expect(ids(new RequestIds({ ...request, requestHash: 'hash-2' }))).not.toEqual(ids(new RequestIds(request)));
      expect(ids(new RequestIds({ ...request, scope: 'acme:u1' }))).not.toEqual(ids(new RequestIds(request)));
      expect(new RequestIds(request).newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('answers a retry of a multi-event append from the stored events, as the first attempt did, appending nothing', async () => {
      const first = await other.stream(stream, keyResultDecider).execute(keyed(), weightAndCheckIn);
      await other.stream(stream, keyResultDecider).execute(context(), () => checkIn(9));
      const head = await store.headPosition();

      // Another process, or this one after a restart: the request's events are found in the stream.
      const retried = await new StreamExecutor(store, new RandomIdGenerator())
        .stream(stream, keyResultDecider)
        .execute(keyed(), weightAndCheckIn);
      expect(retried).toEqual({ ...first, replayed: true });
      expect(first).toMatchObject({ version: 3, replayed: false });
      expect(retried.events.map((e) => e.type)).toEqual(['KeyResultWeightChanged', 'KeyResultCheckedIn']);
      expect(await store.headPosition()).toBe(head);
    });

    it('replays before If-Match and before deciding, which would now refuse or do something else', async () => {
      const first = await other.stream(stream, keyResultDecider).execute({ ...keyed(), expectedVersion: 1 }, () => checkIn(4));
      const refusing = () => {
        throw new Error('decided again');
      };
      const retried = await other.stream(stream, keyResultDecider).execute({ ...keyed(), expectedVersion: 1 }, refusing);
      expect(retried).toEqual({ ...first, replayed: true });
    });

    it('stores the work of concurrent attempts in two processes once', async () => {
      const [a, b] = [new StreamExecutor(store, new RandomIdGenerator()), new StreamExecutor(store, new RandomIdGenerator())];
      const results = await Promise.all(
        [a, b].map((executor) => executor.stream(stream, keyResultDecider).execute(keyed(), () => checkIn(6))),
      );
      expect(results[0]).toMatchObject({ version: 2, position: results[1].position });
      expect((await store.readStream(stream)).filter((e) => e.type === 'KeyResultCheckedIn')).toHaveLength(1);
    });

    it('tells apart two appends of one request to the same stream', async () => {
      const ids = new RequestIds(request);
      const one = await other.stream(stream, keyResultDecider).execute(keyed(ids), () => checkIn(1));
      const two = await other.stream(stream, keyResultDecider).execute(keyed(ids), () => checkIn(2));
      expect([one.replayed, two.replayed, two.version]).toEqual([false, false, 3]);
      const retry = new RequestIds(request);
      expect(await other.stream(stream, keyResultDecider).execute(keyed(retry), () => checkIn(1))).toEqual({ ...one, replayed: true });
      expect(await other.stream(stream, keyResultDecider).execute(keyed(retry), () => checkIn(2))).toEqual({ ...two, replayed: true });
    });
  });
});
