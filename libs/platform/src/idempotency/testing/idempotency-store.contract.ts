import { IdempotencyRecord, IdempotencyStore } from '../idempotency.store';

export interface IdempotencyStoreFixture {
  store: IdempotencyStore;
  /** Releases what the factory opened. */
  close?: () => Promise<void> | void;
}

/** A fresh record; `scope` is made unique per test so that adapters on a shared server do not collide. */
function recordFactory(scopePrefix: string) {
  return (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
    scope: `${scopePrefix}:u1`,
    key: 'key-1',
    requestHash: 'a'.repeat(64),
    status: 201,
    body: { id: 'o-1', nested: { n: 1.5, list: [1, 'two', null], 'dotted.key': true, $dollar: 'kept' } },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}

/**
 * The behaviour every IdempotencyStore adapter shares (in-memory, SQLite, MongoDB). `factory` gives a store
 * that may hold records of earlier tests (each test uses its own scope).
 */
export function idempotencyStoreContract(name: string, factory: () => Promise<IdempotencyStoreFixture> | IdempotencyStoreFixture): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let fixture: IdempotencyStoreFixture;
    let record: ReturnType<typeof recordFactory>;
    let scope: string;
    let run = 0;

    beforeEach(async () => {
      fixture = await factory();
      const prefix = `t${Date.now().toString(36)}${(++run).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      record = recordFactory(prefix);
      scope = `${prefix}:u1`;
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    it('finds nothing before a save, and the record after, JSON body round-tripped', async () => {
      expect(await fixture.store.find(scope, 'key-1')).toBeUndefined();
      await fixture.store.save(record());
      expect(await fixture.store.find(scope, 'key-1')).toEqual(record());
    });

    it('keys records by scope and key', async () => {
      await fixture.store.save(record());
      expect(await fixture.store.find(`${scope}x`, 'key-1')).toBeUndefined();
      expect(await fixture.store.find(scope, 'key-2')).toBeUndefined();
      await fixture.store.save(record({ key: 'key-2', status: 200 }));
      expect((await fixture.store.find(scope, 'key-2'))?.status).toBe(200);
      expect((await fixture.store.find(scope, 'key-1'))?.status).toBe(201);
    });

    it('keeps the first record saved under a scope and key, also when saves race', async () => {
      await fixture.store.save(record());
      await fixture.store.save(record({ requestHash: 'b'.repeat(64), status: 200, body: { other: true } }));
      expect(await fixture.store.find(scope, 'key-1')).toEqual(record());

      const racing = Array.from({ length: 5 }, (_, i) => record({ key: 'raced', requestHash: String(i).repeat(64), body: { i } }));
      await Promise.all(racing.map((r) => fixture.store.save(r)));
      const winner = await fixture.store.find(scope, 'raced');
      expect(racing).toContainEqual(winner);
    });

    it('stores a missing body as null', async () => {
      await fixture.store.save(record({ key: 'no-body', status: 204, body: undefined }));
      await fixture.store.save(record({ key: 'null-body', status: 202, body: null }));
      expect(await fixture.store.find(scope, 'no-body')).toEqual(record({ key: 'no-body', status: 204, body: null }));
      expect(await fixture.store.find(scope, 'null-body')).toEqual(record({ key: 'null-body', status: 202, body: null }));
    });

    it('shares nothing with the caller: changing a saved or found record changes nothing stored', async () => {
      const saved = record();
      await fixture.store.save(saved);
      (saved.body as { id: string }).id = 'changed';
      const found = await fixture.store.find(scope, 'key-1');
      (found!.body as { nested: { list: unknown[] } }).nested.list.push('more');
      expect(await fixture.store.find(scope, 'key-1')).toEqual(record());
    });
  });
}
