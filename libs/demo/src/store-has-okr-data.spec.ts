import { EventToAppend, InMemoryEventStore, SqliteEventStore } from '@okr/event-store';
import { storeHasOkrData } from './store-has-okr-data';

const event = (type: string, n: number): EventToAppend => ({
  type,
  data: { n },
  metadata: {
    eventId: `e-${n}`,
    tenantId: 't',
    actorId: 'a',
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

describe.each([
  ['in memory (scanned)', () => new InMemoryEventStore()],
  ['SQLite (indexed query)', () => SqliteEventStore.open({ filePath: ':memory:' })],
])('storeHasOkrData, %s', (_name, open) => {
  it('is false for an empty store and one with only identity events, true once a cycle is scheduled', async () => {
    const store = open();
    try {
      expect(await storeHasOkrData(store)).toBe(false);
      await store.appendToStream('tenant-default', [event('TenantCreated', 1)]);
      await store.appendToStream('user-admin', [event('UserCreated', 2)]);
      expect(await storeHasOkrData(store)).toBe(false);
      await store.appendToStream('cycle-1', [event('CycleScheduled', 3)]);
      expect(await storeHasOkrData(store)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('finds a cycle behind more than a page of other events', async () => {
    const store = open();
    try {
      for (let i = 0; i < 6; i++)
        await store.appendToStream(
          `x-${i}`,
          Array.from({ length: 1000 }, (_, j) => event('Other', i * 1000 + j)),
        );
      expect(await storeHasOkrData(store)).toBe(false);
      await store.appendToStream('cycle-1', [event('CycleScheduled', 99_999)]);
      expect(await storeHasOkrData(store)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
