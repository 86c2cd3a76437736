import { EventStore, InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import { ProjectionRunner } from './projection-runner';
import { Count, counterProjection, happened } from './testing/counter-projection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProjectionRunner following live with pollHeadMs', () => {
  it('finds new events by polling the head, without subscribing, and stops polling when stopped', async () => {
    const events = new InMemoryEventStore();
    let subscribed = 0;
    let headReads = 0;
    const watched = new Proxy(events, {
      get(target, property, receiver) {
        if (property === 'subscribeToAll')
          return (...args: Parameters<EventStore['subscribeToAll']>) => (subscribed++, target.subscribeToAll(...args));
        if (property === 'headPosition') return () => (headReads++, target.headPosition());
        return Reflect.get(target, property, receiver);
      },
    });
    const store = new InMemoryReadModelStore();
    // A long idle wait: only the head poll can wake the runner in time.
    const runner = new ProjectionRunner(watched, store, counterProjection, { pollHeadMs: 5, idleWaitMs: 60_000 });
    await runner.start();
    for (let i = 1; i <= 5; i++) {
      await events.appendToStream('s', [happened(i, 'p')]);
      await sleep(2);
    }
    expect(await runner.waitForPosition(5, 2000)).toBe(true);
    await sleep(30); // idle again
    await events.appendToStream('s', [happened(6, 'p')]);
    const deadline = Date.now() + 2000;
    while (runner.status().position < 6 && Date.now() < deadline) await sleep(5);
    expect(runner.status().position).toBe(6);
    await runner.stop();
    expect(subscribed).toBe(0);
    const count = ((await (await store.collection<Count>({ name: 'counts', indexes: [] })).get('all')) as Count).count;
    expect(count).toBe(6);
    const readsAfterStop = headReads;
    await sleep(30);
    expect(headReads).toBe(readsAfterStop);
  });

  it('refuses a pollHeadMs that is not a positive number', () => {
    expect(
      () => new ProjectionRunner(new InMemoryEventStore(), new InMemoryReadModelStore(), counterProjection, { pollHeadMs: 0 }),
    ).toThrow(RangeError);
  });
});
