import { IdempotencyRecord } from './idempotency.store';
import { InMemoryIdempotencyStore } from './in-memory-idempotency.store';

const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  scope: 't1:u1',
  key: 'key-1',
  requestHash: 'h1',
  status: 201,
  body: { id: 'o-1', tags: ['a'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('InMemoryIdempotencyStore', () => {
  it('finds nothing before a save, and the record after', async () => {
    const store = new InMemoryIdempotencyStore();
    expect(await store.find('t1:u1', 'key-1')).toBeUndefined();
    await store.save(record());
    expect(await store.find('t1:u1', 'key-1')).toEqual(record());
    expect(store.size).toBe(1);
  });

  it('keys records by scope and key', async () => {
    const store = new InMemoryIdempotencyStore();
    await store.save(record());
    expect(await store.find('t1:u2', 'key-1')).toBeUndefined();
    expect(await store.find('t1:u1', 'key-2')).toBeUndefined();
  });

  it('keeps the first record saved under a scope and key', async () => {
    const store = new InMemoryIdempotencyStore();
    await store.save(record());
    await store.save(record({ requestHash: 'h2', body: { other: true } }));
    expect((await store.find('t1:u1', 'key-1'))?.requestHash).toBe('h1');
  });

  it('copies records in and out, so callers cannot change what is stored', async () => {
    const store = new InMemoryIdempotencyStore();
    const saved = record();
    await store.save(saved);
    (saved.body as { id: string }).id = 'changed';
    const found = await store.find('t1:u1', 'key-1');
    (found!.body as { tags: string[] }).tags.push('b');
    expect(await store.find('t1:u1', 'key-1')).toEqual(record());
  });
});
