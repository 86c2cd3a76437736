import { EventStore, EventToAppend, InMemoryEventStore, SqliteEventStore } from '@okr/event-store';
import { Directory } from './directory';

function teamCreated(id: string, n: number): EventToAppend {
  return {
    type: 'TeamCreated',
    data: { teamId: id, name: `Team ${id}`, parentTeamId: null },
    metadata: {
      eventId: `e-${id}-${n}`,
      tenantId: 'default',
      actorId: 'u1',
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
      recordedAt: '2026-02-01T10:00:00.000Z',
      schemaVersion: 1,
    },
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

describe('Directory over the lean read of the embedded store', () => {
  function event(type: string, data: object, n: number, tenantId = 'default'): EventToAppend {
    return {
      type,
      data,
      metadata: {
        eventId: `lean-${n}`,
        tenantId,
        actorId: 'u1',
        correlationId: 'c',
        causationId: 'c',
        commandId: 'c',
        recordedAt: '2026-02-01T10:00:00.000Z',
        schemaVersion: 1,
      },
    };
  }

  it('holds exactly what a Directory reading every event holds, and skips the other types', async () => {
    const store = SqliteEventStore.open({ filePath: ':memory:' });
    try {
      let n = 0;
      const append = (stream: string, type: string, data: object, tenantId?: string) =>
        store.appendToStream(stream, [event(type, data, ++n, tenantId)]);
      await append('tenant-t', 'TenantCreated', { tenantId: 'default', name: 'Default' });
      await append('user-u', 'UserCreated', { userId: 'u', tenantId: 'default', name: 'Ann', role: 'admin', tokenHash: 'h1' });
      await append('user-u', 'UserTokenReplaced', { userId: 'u', tokenHash: 'h2' });
      await append('team-a', 'TeamCreated', { teamId: 'a', name: 'A', parentTeamId: null });
      await append('team-b', 'TeamCreated', { teamId: 'b', name: 'B', parentTeamId: null });
      await append('team-b', 'TeamMoved', { teamId: 'b', parentTeamId: 'a' });
      await append('cycle-c', 'CycleScheduled', { cycleId: 'c', name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' });
      await append('objective-o', 'ObjectiveCreated', { objectiveId: 'o', cycleId: 'c', title: 'Grow' });
      await append('objective-p', 'ObjectiveCreated', { objectiveId: 'p', cycleId: 'c', title: 'Parent' });
      await append('objective-o', 'ObjectiveEdited', { objectiveId: 'o', changes: { title: 'Grow more' } });
      await append('objective-o', 'ObjectiveAligned', { objectiveId: 'o', parentObjectiveId: 'p' });
      await append('keyresult-k', 'KeyResultAdded', { keyResultId: 'k', objectiveId: 'o' });
      await append('keyresult-k', 'KeyResultCheckedIn', { keyResultId: 'k', checkInId: 'x', value: 3, confidence: 0.5 });
      await append('keyresult-k2', 'KeyResultAdded', { keyResultId: 'k2', objectiveId: 'o' });
      await append('keyresult-k2', 'KeyResultRemoved', { keyResultId: 'k2' });
      await append('initiative-i', 'InitiativeCreated', { initiativeId: 'i', keyResultIds: ['k'] });
      await append('initiative-i', 'InitiativeKeyResultLinked', { initiativeId: 'i', keyResultId: 'k2' });
      await append('initiative-i', 'InitiativeKeyResultUnlinked', { initiativeId: 'i', keyResultId: 'k' });
      await append('objective-p', 'ObjectiveClosed', { objectiveId: 'p' });
      await append('cycle-c', 'CycleClosed', { cycleId: 'c' });
      await append('objective-q', 'ObjectiveCreated', { objectiveId: 'q', cycleId: 'c', title: 'Other tenant' }, 'other');
      await append('objective-q', 'ObjectiveArchived', { objectiveId: 'q' }, 'other');

      const lean = new Directory(store);
      const { store: plain, counter } = countingStore(
        new Proxy(store, {
          get: (target, property, receiver) => (property === 'leanLogReader' ? undefined : Reflect.get(target, property, receiver)),
        }),
      );
      const full = new Directory(plain);
      await Promise.all([lean.refresh(), full.refresh()]);
      expect(counter.reads).toBe(1);
      const state = (d: Directory) => ({
        users: [...d.users],
        tokens: [...d.usersByTokenHash],
        teams: [...d.teams],
        cycles: [...d.cycles],
        objectives: [...d.objectives],
        keyResults: [...d.keyResults],
        byCycle: d.objectiveIdsOfCycle('c'),
        checkpoint: d.checkpoint,
      });
      expect(state(lean)).toEqual(state(full));
      expect(lean.checkpoint).toBe(await store.headPosition());
      expect(lean.objectives.get('o')).toMatchObject({ title: 'Grow more', parentObjectiveId: 'p', keyResultIds: ['k', 'k2'] });
      expect(lean.objectives.get('q')).toMatchObject({ tenantId: 'other', status: 'archived' });
      // A check-in afterwards: the lean refresh moves to the head without reading it back.
      await append('keyresult-k', 'KeyResultCheckedIn', { keyResultId: 'k', checkInId: 'y', value: 4, confidence: 0.5 });
      await lean.refresh();
      expect(lean.checkpoint).toBe(await store.headPosition());
    } finally {
      await store.close();
    }
  });
});

describe('Directory: users, teams and sessions', () => {
  const store = new InMemoryEventStore();
  let n = 0;
  const append = (streamId: string, type: string, data: unknown, tenantId = 'default') =>
    store.appendToStream(streamId, [
      {
        type,
        data,
        metadata: {
          eventId: `u-${++n}`,
          tenantId,
          actorId: 'admin',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          recordedAt: '2026-02-01T10:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ]);
  const session = (userId: string, sessionHash: string, startedAt: string, expiresAt: string) =>
    append(`user-${userId}`, 'UserSessionStarted', { userId, sessionHash, method: 'token', startedAt, expiresAt });

  it('folds names, roles, teams, tokens and running sessions', async () => {
    const directory = new Directory(store);
    await append('user-ada', 'UserCreated', { userId: 'ada', tenantId: 'default', name: 'Ada', role: 'editor', tokenHash: 'h1' });
    await append('user-bob', 'UserCreated', { userId: 'bob', tenantId: 'default', name: 'Bob', role: 'admin', tokenHash: 'h2' });
    await append('user-zed', 'UserCreated', { userId: 'zed', tenantId: 'other', name: 'Zed', role: 'admin', tokenHash: 'h3' }, 'other');
    await append('user-ada', 'UserRenamed', { userId: 'ada', name: 'Ada King', previousName: 'Ada' });
    await append('user-ada', 'UserRoleChanged', { userId: 'ada', role: 'viewer', previousRole: 'editor' });
    await append('user-ada', 'UserTeamsChanged', { userId: 'ada', teamIds: ['t1', 't2'], previousTeamIds: [] });
    await session('ada', 's-old', '2026-02-01T08:00:00.000Z', '2026-02-01T20:00:00.000Z');
    await session('ada', 's-new', '2026-02-02T08:00:00.000Z', '2026-02-02T20:00:00.000Z');
    await session('bob', 's-bob', '2026-02-02T08:00:00.000Z', '2026-02-02T20:00:00.000Z');
    await directory.refresh();

    expect(directory.users.get('ada')).toEqual({
      id: 'ada',
      tenantId: 'default',
      name: 'Ada King',
      role: 'viewer',
      teamIds: ['t1', 't2'],
      tokenHash: 'h1',
    });
    expect(directory.usersOfTenant('default').map((u) => u.id)).toEqual(['ada', 'bob']);
    expect(directory.userOfToken('h1')?.id).toBe('ada');
    // The session that had expired when Ada signed in again is forgotten; the others run until they expire.
    expect([...directory.sessions.keys()].sort()).toEqual(['s-bob', 's-new']);
    expect(directory.userOfSession('s-new', new Date('2026-02-02T19:59:59.999Z'))?.id).toBe('ada');
    expect(directory.userOfSession('s-new', new Date('2026-02-02T20:00:00.000Z'))).toBeUndefined();
    expect(directory.userOfSession('s-old', new Date('2026-02-01T09:00:00.000Z'))).toBeUndefined();

    await append('user-ada', 'UserSessionEnded', { userId: 'ada', sessionHash: 's-new', reason: 'signed_out' });
    await append('user-bob', 'UserTokenReplaced', { userId: 'bob', tokenHash: 'h4' });
    await append('user-bob', 'UserSessionEnded', { userId: 'bob', sessionHash: 's-bob', reason: 'token_replaced' });
    await append('user-ada', 'UserTokenRevoked', { userId: 'ada' });
    await directory.refresh();
    expect(directory.sessions.size).toBe(0);
    expect(directory.userOfToken('h1')).toBeUndefined();
    expect(directory.userOfToken('h2')).toBeUndefined();
    expect(directory.userOfToken('h4')?.id).toBe('bob');
    expect(directory.users.get('ada')?.tokenHash).toBeNull();
  });
});
