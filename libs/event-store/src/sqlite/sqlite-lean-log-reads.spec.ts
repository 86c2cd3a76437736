import { EventStore, EventToAppend, StoredEvent } from '../event-store.port';
import { HashChainedEventStore } from '../hash-chain/hash-chained-event-store';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { LeanEvent, leanLogReaderOf } from '../lean-log/lean-log-reader';
import { testEvent } from '../testing/test-events';
import { SqliteEventStore } from './sqlite-event-store';

/** What a lean read must give for a stored event, taken from `readAll`'s answer. */
function leanOf(event: StoredEvent): LeanEvent {
  const { metadata } = event;
  return {
    position: event.position,
    type: event.type,
    data: event.data,
    tenantId: typeof metadata.tenantId === 'string' ? metadata.tenantId : null,
    recordedAt: typeof metadata.recordedAt === 'string' ? metadata.recordedAt : null,
    schemaVersion: metadata.schemaVersion,
  };
}

/** Events of two tenants and several types, with every shape of schema version and odd metadata the port accepts. */
function variedEvents(): [string, EventToAppend][] {
  const withoutVersion = testEvent('Checked', { v: 3 }, { tenantId: 't1' });
  delete (withoutVersion.metadata as Partial<typeof withoutVersion.metadata>).schemaVersion;
  return [
    [
      'a',
      testEvent('Checked', { v: 1, nested: { list: [1, 'x', null], text: 'é "quoted" \\ \u2028' } }, { tenantId: 't1', schemaVersion: 2 }),
    ],
    [
      'a',
      testEvent(
        'Checked',
        { v: 0.1 + 0.2, big: 1e21, small: -5e-324, negZero: -0 },
        { tenantId: 't1', schemaVersion: 1, recordedAt: '2026-01-02T03:04:05.678Z' },
      ),
    ],
    ['b', testEvent('Other', 'a string payload', { tenantId: 't2' })],
    ['b', testEvent('Checked', null, { tenantId: 't2', schemaVersion: 2 })],
    ['a', withoutVersion],
    ['c', testEvent('Checked', [1, 2, 3], { tenantId: 't1', schemaVersion: '2' as unknown as number })],
    ['c', testEvent('Checked', { v: 4 }, { tenantId: 't1', schemaVersion: true as unknown as number, hash: 'looks-like-a-chain-key' })],
    ['c', testEvent('Checked', { v: 5 }, { tenantId: 't1', schemaVersion: 2.5, extra: { schemaVersion: 9 } })],
    [
      'd',
      testEvent(
        'Other',
        { v: 6 },
        { tenantId: 42 as unknown as string, recordedAt: 7 as unknown as string, schemaVersion: null as unknown as number },
      ),
    ],
    ['d', testEvent('Third', { v: 7 }, { tenantId: 't1', schemaVersion: 3 })],
    ['a', testEvent('Other', { v: 8 }, { tenantId: 't1', schemaVersion: 1 })],
  ];
}

async function storeWith(store: EventStore): Promise<EventStore> {
  for (const [stream, event] of variedEvents()) await store.appendToStream(stream, [event]);
  return store;
}

describe('SqliteEventStore.readLean', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = (await storeWith(SqliteEventStore.open({ filePath: ':memory:' }))) as SqliteEventStore;
  });

  afterEach(() => store.close());

  it('gives, for the fields it returns, exactly what readAll gives (data, tenant, time and schema version as stored)', async () => {
    const all = await store.readAll();
    expect(all).toHaveLength(11);
    const lean = await store.readLean({ after: 0, maxCount: 100 });
    expect(lean).toEqual(all.map(leanOf));
    // toEqual does not tell -0 from 0 inside objects, nor a missing key from undefined: check those too.
    expect(Object.is((lean[1].data as { negZero: number }).negZero, (all[1].data as { negZero: number }).negZero)).toBe(true);
    expect(lean[4].schemaVersion).toBeUndefined();
    expect(lean.map((event) => event.schemaVersion)).toEqual([2, 1, 1, 2, undefined, '2', true, 2.5, null, 3, 1]);
  });

  it('reads only the tenant and the types asked for, in position order, within (after, until], at most maxCount', async () => {
    const all = (await store.readAll()).map(leanOf);
    const wanted = (event: LeanEvent) => event.tenantId === 't1' && (event.type === 'Checked' || event.type === 'Third');
    expect(await store.readLean({ after: 0, maxCount: 100, tenantId: 't1', types: ['Checked', 'Third'] })).toEqual(all.filter(wanted));
    expect(await store.readLean({ after: 0, maxCount: 100, types: ['Other'] })).toEqual(all.filter((event) => event.type === 'Other'));
    expect(await store.readLean({ after: 0, maxCount: 100, tenantId: 't2' })).toEqual(all.filter((event) => event.tenantId === 't2'));
    expect(await store.readLean({ after: 2, until: 6, maxCount: 100 })).toEqual(all.slice(2, 6));
    expect(await store.readLean({ after: 2, until: 6, maxCount: 3 })).toEqual(all.slice(2, 5));
    expect(await store.readLean({ after: 0, maxCount: 2, tenantId: 't1', types: ['Checked'] })).toEqual(
      all.filter((event) => event.tenantId === 't1' && event.type === 'Checked').slice(0, 2),
    );
    expect(await store.readLean({ after: 0, maxCount: 100, types: [] })).toEqual([]);
    expect(await store.readLean({ after: 11, maxCount: 100 })).toEqual([]);
    expect(await store.readLean({ after: 5, until: 5, maxCount: 100 })).toEqual([]);
  });

  it('pages through the log: fewer than maxCount events means everything up to until was returned', async () => {
    const expected = (await store.readAll()).map(leanOf).filter((event) => event.tenantId === 't1' && event.position <= 10);
    const read: LeanEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await store.readLean({ after, until: 10, maxCount: 2, tenantId: 't1' });
      read.push(...page);
      if (page.length < 2) break;
      after = page[page.length - 1].position;
    }
    expect(read).toEqual(expected);
  });

  it('returns fresh objects on every read', async () => {
    const [first] = await store.readLean({ after: 0, maxCount: 1 });
    (first.data as { v: number }).v = 99;
    const [again] = await store.readLean({ after: 0, maxCount: 1 });
    expect((again.data as { v: number }).v).toBe(1);
  });

  it('refuses invalid options, and reads after close', async () => {
    await expect(store.readLean({ after: -1, maxCount: 10 })).rejects.toThrow(RangeError);
    await expect(store.readLean({ after: 0, until: 1.5, maxCount: 10 })).rejects.toThrow(RangeError);
    await expect(store.readLean({ after: 0, maxCount: 0 })).rejects.toThrow(RangeError);
    await expect(store.readLean({ after: 0, maxCount: 10, types: 'Checked' as unknown as string[] })).rejects.toThrow(TypeError);
    await expect(store.readLean({ after: 0, maxCount: 10, tenantId: 7 as unknown as string })).rejects.toThrow(TypeError);
    await store.close();
    await expect(store.readLean({ after: 0, maxCount: 10 })).rejects.toThrow(/closed/);
  });
});

describe('leanLogReaderOf', () => {
  it('is the SQLite store itself, and through the hash chain the wrapped store, giving what readAll gives there (no chain key anywhere)', async () => {
    const sqlite = SqliteEventStore.open({ filePath: ':memory:' });
    const chained = (await storeWith(HashChainedEventStore.wrap(sqlite))) as HashChainedEventStore;
    expect(leanLogReaderOf(sqlite)).toBe(sqlite);
    const reader = leanLogReaderOf(chained)!;
    expect(reader).toBeDefined();
    const all = await chained.readAll();
    expect(JSON.stringify(await sqlite.readAll())).toContain('previousHash'); // stored, stripped by the decorator
    expect(await reader.readLean({ after: 0, maxCount: 100 })).toEqual(all.map(leanOf));
    await chained.close();
  });

  it('is undefined for stores without one (callers read with readAll)', async () => {
    expect(leanLogReaderOf(new InMemoryEventStore())).toBeUndefined();
    expect(leanLogReaderOf(new HashChainedEventStore(new InMemoryEventStore()))).toBeUndefined();
  });
});
