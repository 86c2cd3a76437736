import { InMemoryEventStore } from '@okr/event-store';
import { MapNameBook } from '@okr/history';
import { HistoryNames } from '../history/history-names';
import { AuditTrail } from './audit-trail.service';

const names = { lookup: async () => new MapNameBook().set('user', 'ada', 'Ada Lovelace') } as unknown as HistoryNames;

function metadata(tenantId: string, actorId: string, minute: number) {
  return {
    eventId: `e-${tenantId}-${actorId}-${minute}-${Math.random()}`,
    tenantId,
    actorId,
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
    recordedAt: new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString(),
    schemaVersion: 1,
  };
}

/** 30 team renames in tenant t1 by ada, with 30 events of tenant t2 interleaved. */
async function storeWithHistory(): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await store.appendToStream('team-a', [
    { type: 'TeamCreated', data: { teamId: 'a', name: 'Name 0', parentTeamId: null }, metadata: metadata('t1', 'ada', 0) },
  ]);
  for (let i = 1; i <= 30; i++) {
    await store.appendToStream('team-b' + i, [
      { type: 'TeamCreated', data: { teamId: 'b' + i, name: 'Theirs', parentTeamId: null }, metadata: metadata('t2', 'eve', i) },
    ]);
    await store.appendToStream('team-a', [
      { type: 'TeamRenamed', data: { teamId: 'a', name: `Name ${i}`, previousName: `Name ${i - 1}` }, metadata: metadata('t1', 'ada', i) },
    ]);
  }
  return store;
}

describe('AuditTrail', () => {
  it('stops after its scan budget with a cursor to go on, even when the page is not full', async () => {
    const store = await storeWithHistory();
    const trail = new AuditTrail(store, names, 10);
    const first = await trail.page('t1', {}, 50);
    expect(first.scannedUpTo).toBe(10);
    expect(first.items.map((e) => e.position)).toEqual([1, 3, 5, 7, 9]);
    expect(first.nextCursor).not.toBeNull();

    const all = [...first.items];
    let cursor = first.nextCursor;
    let requests = 1;
    while (cursor) {
      const page = await trail.page('t1', {}, 50, cursor);
      all.push(...page.items);
      cursor = page.nextCursor;
      requests++;
    }
    expect(requests).toBe(7); // 61 events, 10 per request, the last one finds the end
    expect(all.map((e) => e.type)).toEqual(['TeamCreated', ...Array(30).fill('TeamRenamed')]);
    expect(all.every((e) => e.actor.name === 'Ada Lovelace')).toBe(true);
  });

  it('computes from → to for every entry by folding the entry’s stream up to it, however far into the stream', async () => {
    const store = await storeWithHistory();
    const trail = new AuditTrail(store, names, 1000);
    const page = await trail.page('t1', { from: '2026-01-05T09:20:00Z', to: '2026-01-05T09:22:00Z' }, 50);
    expect(page.items.map((e) => [e.summary, e.changes])).toEqual([
      ["Team 'Name 19' renamed to 'Name 20' by Ada Lovelace", { name: { from: 'Name 19', to: 'Name 20' } }],
      ["Team 'Name 20' renamed to 'Name 21' by Ada Lovelace", { name: { from: 'Name 20', to: 'Name 21' } }],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.scannedUpTo).toBe(61);
  });

  it('ends a full page at its last entry, and filters by actor and type', async () => {
    const store = await storeWithHistory();
    const trail = new AuditTrail(store, names, 1000);
    const page = await trail.page('t1', { types: ['TeamRenamed'] }, 2);
    expect(page.items.map((e) => e.position)).toEqual([3, 5]);
    expect(page.scannedUpTo).toBe(5);
    const next = await trail.page('t1', { types: ['TeamRenamed'] }, 2, page.nextCursor!);
    expect(next.items.map((e) => e.position)).toEqual([7, 9]);
    expect((await trail.page('t1', { actorId: 'eve' }, 50)).items).toEqual([]);
    expect((await trail.page('t2', { actorId: 'eve' }, 50)).items).toHaveLength(30);
  });

  it('filters by stream: one entity’s events', async () => {
    const store = await storeWithHistory();
    const trail = new AuditTrail(store, names, 1000);
    const page = await trail.page('t2', { streamId: 'team-b7' }, 50);
    expect(page.items.map((e) => [e.streamId, e.type])).toEqual([['team-b7', 'TeamCreated']]);
    expect((await trail.page('t1', { streamId: 'team-b7' }, 50)).items).toEqual([]);
    expect((await trail.page('t1', { streamId: 'team-a', types: ['TeamRenamed'] }, 50)).items).toHaveLength(30);
  });
});
