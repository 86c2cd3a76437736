import { SqliteEventStore } from '@okr/event-store';
import { cycleStreamIds, SelectedStreamsEventStore } from './cycle-streams-event-store';

const event = (eventId: string) => ({
  type: 'Happened',
  data: {},
  metadata: {
    eventId,
    tenantId: 't',
    actorId: 'a',
    correlationId: eventId,
    causationId: eventId,
    commandId: eventId,
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

describe('the cycle streams of the log', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = SqliteEventStore.open({ filePath: ':memory:' });
    await store.appendToStream('cycle-b', [event('1')]);
    await store.appendToStream('objective-x', [event('2')]);
    await store.appendToStream('cycle-a', [event('3')]);
    await store.appendToStream('cyclex-z', [event('4')]);
    await store.appendToStream('cycle-b', [event('5')]);
    await store.appendToStream('team-q', [event('6')]);
  });
  afterEach(() => store.close());

  it('cycleStreamIds lists the cycle-<id> streams only', () => {
    expect(cycleStreamIds(store.database)).toEqual(['cycle-a', 'cycle-b']);
  });

  it('SelectedStreamsEventStore reads only those streams, in log order, with after and maxCount, ending at their last event', async () => {
    const view = new SelectedStreamsEventStore(store, cycleStreamIds(store.database));
    expect((await view.readAll()).map((e) => [e.position, e.streamId])).toEqual([
      [1, 'cycle-b'],
      [3, 'cycle-a'],
      [5, 'cycle-b'],
    ]);
    expect((await view.readAll({ after: 1, maxCount: 1 })).map((e) => e.position)).toEqual([3]);
    expect(await view.readAll({ after: 5 })).toEqual([]);
    expect(await view.headPosition()).toBe(5);
    expect((await view.readStream('cycle-b')).map((e) => e.revision)).toEqual([0, 1]);
    expect(await view.readStream('team-q')).toEqual([]);
    await expect(view.appendToStream('cycle-a')).rejects.toThrow(/read-only/);
    expect(await new SelectedStreamsEventStore(store, []).headPosition()).toBe(0);
  });
});
