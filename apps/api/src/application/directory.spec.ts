import { EventStore, EventToAppend, InMemoryEventStore } from '@okr/event-store';
import { Directory } from './directory';

function teamCreated(id: string, n: number): EventToAppend {
  return {
    type: 'TeamCreated',
    data: { teamId: id, name: `Team ${id}`, parentTeamId: null },
    metadata: { eventId: `e-${id}-${n}`, tenantId: 'default', actorId: 'u1', correlationId: 'c', causationId: 'c', commandId: 'c', recordedAt: '2026-02-01T10:00:00.000Z', schemaVersion: 1 },
  };
}

/** Counts readAll calls and can run something in the middle of one (as another request would). */
function countingStore(inner: EventStore) {
  const counter = { reads: 0, during: undefined as undefined | (() => Promise<void>) };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return async (...args: Parameters<EventStore['readAll']>) => {
          counter.reads++;
          const events = await target.readAll(...args);
          const during = counter.during;
          counter.during = undefined;
          if (during) await during();
          return events;
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { store, counter };
}

describe('Directory.refresh', () => {
  it('serves concurrent callers with one read of the log, and each sees what was stored before its call', async () => {
    const inner = new InMemoryEventStore();
    const { store, counter } = countingStore(inner);
    const directory = new Directory(store);
    await inner.appendToStream('team-t1', [teamCreated('t1', 1)]);
    await Promise.all(Array.from({ length: 20 }, () => directory.refresh()));
    expect(counter.reads).toBe(1);
    expect(directory.teams.has('t1')).toBe(true);
  });

  it('a call made while a catch-up is running waits for another one that sees the writes made meanwhile', async () => {
    const inner = new InMemoryEventStore();
    const { store, counter } = countingStore(inner);
    const directory = new Directory(store);
    let second: Promise<void> | undefined;
    counter.during = async () => {
      // The first catch-up has read the log: a write is acknowledged, then a new call, which must not join it.
      await inner.appendToStream('team-t2', [teamCreated('t2', 1)]);
      second = directory.refresh();
    };
    await directory.refresh();
    await second;
    expect(directory.teams.has('t2')).toBe(true);
    expect(counter.reads).toBe(2);
  });

  it('a failed catch-up fails its callers only; the next call reads again', async () => {
    const inner = new InMemoryEventStore();
    let fail = true;
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'readAll') {
          return async (...args: Parameters<EventStore['readAll']>) => {
            if (fail) throw new Error('disk on fire');
            return target.readAll(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const directory = new Directory(store);
    await inner.appendToStream('team-t1', [teamCreated('t1', 1)]);
    await expect(Promise.all([directory.refresh(), directory.refresh()])).rejects.toThrow('disk on fire');
    fail = false;
    await directory.refresh();
    expect(directory.teams.has('t1')).toBe(true);
  });

  it('refreshSince(mark) reads nothing after a catch-up that started after the mark, and reads when none did', async () => {
    const inner = new InMemoryEventStore();
    const { store, counter } = countingStore(inner);
    const directory = new Directory(store);
    await inner.appendToStream('team-t1', [teamCreated('t1', 1)]);
    // A request arrives (mark), authenticates (refresh), then its command asks again: no second read.
    const mark = directory.mark();
    await directory.refresh();
    await directory.refreshSince(mark);
    expect(counter.reads).toBe(1);
    // A mark taken after that catch-up started is not covered by it: a write acknowledged since is read.
    const later = directory.mark();
    await inner.appendToStream('team-t2', [teamCreated('t2', 1)]);
    await directory.refreshSince(later);
    expect(counter.reads).toBe(2);
    expect(directory.teams.has('t2')).toBe(true);
    // No mark (outside a request): a plain refresh.
    await directory.refreshSince(undefined);
    expect(counter.reads).toBe(3);
  });

  it('refreshSince does not count a catch-up that was already running when the mark was taken', async () => {
    const inner = new InMemoryEventStore();
    const { store, counter } = countingStore(inner);
    const directory = new Directory(store);
    let mark = -1;
    counter.during = async () => {
      // The running catch-up has read the log; a write is acknowledged, then a request arrives.
      await inner.appendToStream('team-t2', [teamCreated('t2', 1)]);
      mark = directory.mark();
    };
    await directory.refresh();
    await directory.refreshSince(mark);
    expect(counter.reads).toBe(2);
    expect(directory.teams.has('t2')).toBe(true);
  });
});
