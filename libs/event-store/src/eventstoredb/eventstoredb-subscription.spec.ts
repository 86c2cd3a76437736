import { AccessDeniedError, START, UnavailableError, UnknownError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AllStreamSubscription, ReadPosition } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import { StoredEvent } from '../event-store.port';
import { sleep, waitUntil } from '../testing/wait-until';
import { EventStoreDbSubscription, SubscriptionSource } from './eventstoredb-subscription';

/** A server subscription the test drives: items are port events (decode is the identity), or an error to fail with. */
function scripted(items: (StoredEvent | Error)[], { end = false } = {}): AllStreamSubscription {
  const stream = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
  setImmediate(() => {
    for (const item of items) {
      if (item instanceof Error) return void stream.emit('error', item);
      stream.write(item);
    }
    if (end) stream.end();
  });
  return stream as unknown as AllStreamSubscription;
}

const event = (position: number, type = `E${position}`): StoredEvent =>
  ({ streamId: 's', revision: position, position, type, data: null, metadata: { eventId: `id-${position}` } }) as StoredEvent;

function source(opens: (() => AllStreamSubscription)[], overrides: Partial<SubscriptionSource> = {}) {
  const froms: ReadPosition[] = [];
  const resolved: number[] = [];
  const result: SubscriptionSource & { froms: ReadPosition[]; resolved: number[] } = {
    froms,
    resolved,
    open: (from) => {
      froms.push(from);
      const next = opens.shift();
      if (!next) return scripted([]);
      return next();
    },
    headPosition: async () => 0,
    decode: (resolvedEvent: AllStreamResolvedEvent) => resolvedEvent as unknown as StoredEvent,
    resolveStart: async (after) => {
      resolved.push(after);
      return START;
    },
    ...overrides,
  };
  return result;
}

const backoff = { initialDelayMs: 5, maxDelayMs: 10 };

describe('EventStoreDbSubscription', () => {
  it('resumes after the last delivered event and drops what the server sends again at the seam', async () => {
    const src = source([() => scripted([event(100), event(200), new UnavailableError()]), () => scripted([event(200), event(300)])]);
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), src, { after: 0, backoff });
    await waitUntil(() => delivered.length === 3, { description: 'three events' });
    await sleep(10);
    expect(delivered).toEqual([100, 200, 300]);
    expect(src.froms).toEqual([START, { commit: 200n, prepare: 200n }]);
    expect(subscription.connections).toBe(2);
    await subscription.stop();
  });

  it('a server that ends the subscription is resubscribed to as well', async () => {
    const src = source([() => scripted([event(100)], { end: true }), () => scripted([event(150)])]);
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), src, { after: 50, backoff });
    await waitUntil(() => delivered.length === 2, { description: 'both events' });
    expect(src.froms).toEqual([
      { commit: 50n, prepare: 50n },
      { commit: 100n, prepare: 100n },
    ]);
    await subscription.stop();
  });

  it('starts once more from a valid position when the start may not be an event’s, and reports a second failure', async () => {
    const src = source([() => scripted([new UnknownError(undefined, 'invalid position')]), () => scripted([event(120), event(180)])]);
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), src, { after: 99, backoff });
    await waitUntil(() => delivered.length === 2, { description: 'events after the resolved start' });
    expect(src.resolved).toEqual([99]);
    expect(src.froms).toEqual([{ commit: 99n, prepare: 99n }, START]);
    await subscription.stop();

    const failing = source([
      () => scripted([new UnknownError(undefined, 'bad')]),
      () => scripted([new UnknownError(undefined, 'still bad')]),
    ]);
    const errors: unknown[] = [];
    const stopped = new EventStoreDbSubscription(() => undefined, failing, { after: 99, backoff, onError: (error) => errors.push(error) });
    await waitUntil(() => errors.length === 1, { description: 'the report' });
    expect((errors[0] as Error).message).toBe('still bad');
    await stopped.stop();
  });

  it('reports at once errors that retrying cannot fix, from the start position 0 too', async () => {
    const errors: unknown[] = [];
    const src = source([() => scripted([new AccessDeniedError(undefined, 'access denied')])], { headPosition: async () => 10 });
    const subscription = new EventStoreDbSubscription(() => undefined, src, { after: 0, backoff, onError: (error) => errors.push(error) });
    await expect(subscription.caughtUp).rejects.toBeInstanceOf(AccessDeniedError);
    expect(errors).toHaveLength(1);
    expect(src.resolved).toEqual([]);
  });

  it('retries a transient failure to read the head, and reports any other', async () => {
    let attempts = 0;
    const src = source([() => scripted([event(10)])], {
      headPosition: async () => {
        attempts += 1;
        if (attempts < 3) throw new UnavailableError();
        return 10;
      },
    });
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), src, { after: 0, backoff });
    await subscription.caughtUp;
    expect(attempts).toBe(3);
    expect(delivered).toEqual([10]);
    await subscription.stop();

    const errors: unknown[] = [];
    const broken = new EventStoreDbSubscription(
      () => undefined,
      source([], { headPosition: async () => Promise.reject(new AccessDeniedError()) }),
      {
        after: 0,
        backoff,
        onError: (error) => errors.push(error),
      },
    );
    await expect(broken.caughtUp).rejects.toBeInstanceOf(AccessDeniedError);
    expect(errors).toHaveLength(1);
  });

  it('resolves caughtUp when the head found at the start has been handled, not before', async () => {
    const src = source([() => scripted([event(10), event(20), event(30)])], { headPosition: async () => 20 });
    const handled: number[] = [];
    let caughtUpAt: number[] | undefined;
    const subscription = new EventStoreDbSubscription(
      async (e) => {
        await sleep(3);
        handled.push(e.position);
      },
      src,
      { after: 0, backoff },
    );
    void subscription.caughtUp.then(() => (caughtUpAt = [...handled]));
    await waitUntil(() => handled.length === 3, { description: 'all events' });
    expect(caughtUpAt).toEqual([10, 20]);
    await subscription.stop();
  });

  it('resolves caughtUp on the server’s signal once everything received before it was handled', async () => {
    const stream = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
    setImmediate(() => {
      stream.write(event(10));
      stream.write(event(20));
      stream.emit('caughtUp');
    });
    // The head was scavenged away, say: only the server's signal can tell.
    const src = source([() => stream as unknown as AllStreamSubscription], { headPosition: async () => 1000 });
    const handled: number[] = [];
    const subscription = new EventStoreDbSubscription(
      async (e) => {
        await sleep(3);
        handled.push(e.position);
      },
      src,
      { after: 0, backoff },
    );
    await subscription.caughtUp;
    expect(handled).toEqual([10, 20]);
    await subscription.stop();
  });

  it('cancels every server subscription it opened, also one the iteration already ended', async () => {
    const unsubscribed: number[] = [];
    const opens = [1, 2].map((n) => () => {
      const stream = scripted(n === 1 ? [event(10), new UnavailableError()] : [event(20)]);
      (stream as unknown as { unsubscribe: () => Promise<void> }).unsubscribe = async () => void unsubscribed.push(n);
      return stream;
    });
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), source(opens), { after: 0, backoff });
    await waitUntil(() => delivered.length === 2, { description: 'both events' });
    expect(unsubscribed).toEqual([1]);
    await subscription.stop();
    expect(unsubscribed).toEqual([1, 2]);

    const stopping = source([
      () => {
        const stream = scripted([event(5)]);
        (stream as unknown as { unsubscribe: () => Promise<void> }).unsubscribe = async () => void unsubscribed.push(3);
        return stream;
      },
    ]);
    const fromHandler: EventStoreDbSubscription = new EventStoreDbSubscription(() => void fromHandler.stop(), stopping, {
      after: 0,
      backoff,
    });
    await waitUntil(() => unsubscribed.includes(3), { description: 'the subscription stopped from its handler to be cancelled' });
    await fromHandler.stop();
    expect(unsubscribed.filter((n) => n === 3)).toHaveLength(1);
  });

  it('stop() returns at once while the server does not answer the head read', async () => {
    const src = source([], { headPosition: () => new Promise<number>(() => undefined) });
    const subscription = new EventStoreDbSubscription(() => undefined, src, { after: 0, backoff });
    await sleep(10);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(500);
    await expect(subscription.caughtUp).resolves.toBeUndefined();
    expect(src.froms).toEqual([]);
  });

  it('retries a transient failure to find a valid start', async () => {
    let attempts = 0;
    const src = source([() => scripted([new UnknownError(undefined, 'invalid position')]), () => scripted([event(120)])], {
      resolveStart: async () => {
        attempts += 1;
        if (attempts === 1) throw new UnavailableError();
        return START;
      },
    });
    const delivered: number[] = [];
    const subscription = new EventStoreDbSubscription((e) => void delivered.push(e.position), src, { after: 99, backoff });
    await waitUntil(() => delivered.length === 1, { description: 'the event after the resolved start' });
    expect(attempts).toBe(2);
    await subscription.stop();
  });

  it('does not look for another start once it delivered from its position: the error is reported', async () => {
    const errors: unknown[] = [];
    const src = source(
      [() => scripted([event(10), new UnavailableError()]), () => scripted([new AccessDeniedError(undefined, 'denied now')])],
      {
        headPosition: async () => 10,
      },
    );
    const subscription = new EventStoreDbSubscription(() => undefined, src, { after: 0, backoff, onError: (error) => errors.push(error) });
    await waitUntil(() => errors.length === 1, { description: 'the report' });
    expect(errors[0]).toBeInstanceOf(AccessDeniedError);
    expect(src.resolved).toEqual([]);
    await subscription.stop();
  });

  it('stop() during the wait before resubscribing returns at once', async () => {
    const src = source([() => scripted([new UnavailableError()])]);
    const subscription = new EventStoreDbSubscription(() => undefined, src, {
      after: 0,
      backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await waitUntil(() => subscription.connections === 1, { description: 'the first connection' });
    await sleep(10);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(src.froms).toHaveLength(1);
  });
});
