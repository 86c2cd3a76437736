import { randomUUID } from 'node:crypto';
import {
  Collection,
  FieldValue,
  FindQuery,
  LeaseRequest,
  Page,
  ReadModelDocument,
  ReadModelQueryError,
  ReadModelStore,
  WriteBatch,
  WriteOp,
} from '../read-model.port';

/** Unique per test run, so the suite can run repeatedly against a shared, persistent server. */
const runId = randomUUID().replace(/-/g, '').slice(0, 8);
let nameCounter = 0;

type Doc = ReadModelDocument & Record<string, unknown>;

export interface ReadModelContractOptions {
  /**
   * Opens another store on the same storage as `store` (as another process would: its own connection), torn
   * down with `teardown`. Given, the suite also checks that leases survive reopening and are shared, atomically,
   * by stores on the same storage. Leave it out where storage is private to one store (in memory, ':memory:').
   */
  openSibling?: (store: ReadModelStore) => Promise<ReadModelStore> | ReadModelStore;
}

/**
 * The behaviour every ReadModelStore adapter must have. Call it from an adapter's spec file:
 *
 *   readModelContract('SqliteReadModelStore', () => SqliteReadModelStore.open({ filePath: ':memory:' }));
 *
 * A store is created before each test and torn down after it (`teardown`, default `store.close()`), after
 * the test's collections have been dropped. Every test uses collection and projection names of its own
 * (unique per run), so the suite also runs against a shared, non-empty server.
 */
export function readModelContract(
  name: string,
  factory: () => Promise<ReadModelStore> | ReadModelStore,
  teardown: (store: ReadModelStore) => Promise<void> = (store) => store.close(),
  options: ReadModelContractOptions = {},
): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let store: ReadModelStore;
    let created: string[];

    beforeEach(async () => {
      store = await factory();
      created = [];
    });

    afterEach(async () => {
      try {
        for (const collection of created) await store.dropCollection(collection);
      } finally {
        await teardown(store);
      }
    });

    /** A collection (or projection) name no other test, and no earlier run, uses; dropped after the test. */
    function newName(prefix = 'c'): string {
      nameCounter += 1;
      const unique = `${prefix}_${runId}_${nameCounter}`;
      created.push(unique);
      return unique;
    }

    async function declare<T extends ReadModelDocument = Doc>(indexes: string[] = [], collectionName = newName()): Promise<Collection<T>> {
      return store.collection<T>({ name: collectionName, indexes });
    }

    const upsert = (collection: Collection<ReadModelDocument> | string, doc: Doc): WriteOp => ({
      kind: 'upsert',
      collection: typeof collection === 'string' ? collection : collection.name,
      doc,
    });
    const remove = (collection: Collection<ReadModelDocument> | string, id: string, version: number): WriteOp => ({
      kind: 'delete',
      collection: typeof collection === 'string' ? collection : collection.name,
      id,
      version,
    });
    const apply = (ops: WriteOp[], checkpoint?: WriteBatch['checkpoint']) => store.apply({ ops, checkpoint });

    const idsOf = (docs: readonly ReadModelDocument[]) => docs.map((doc) => doc.id);

    async function all<T extends ReadModelDocument>(collection: Collection<T>): Promise<T[]> {
      const docs: T[] = [];
      for await (const doc of collection.scan()) docs.push(doc);
      return docs;
    }

    /** Expects the promise to reject with an error of the given class, and returns that error. */
    async function rejection<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(type);
      return error as E;
    }

    /** Every page of a query; checks that each page but the last is full and that the last has no cursor. */
    async function pageThrough(collection: Collection<Doc>, query: Omit<FindQuery, 'limit' | 'after'>, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 1; ; pages++) {
        const page: Page<Doc> = await collection.find({ ...query, limit, after });
        seen.push(...idsOf(page.items));
        if (page.nextCursor === null) return seen;
        expect(page.items).toHaveLength(limit);
        expect(pages).toBeLessThan(200);
        after = page.nextCursor;
      }
    }

    describe('collections', () => {
      it('declaring is idempotent and keeps the documents', async () => {
        const collectionName = newName();
        const first = await store.collection<Doc>({ name: collectionName, indexes: ['status'] });
        await apply([upsert(first, { id: 'a', version: 1, status: 'open' })]);

        const second = await store.collection<Doc>({ name: collectionName, indexes: ['status'] });
        expect(second.name).toBe(collectionName);
        expect(await second.get('a')).toEqual({ id: 'a', version: 1, status: 'open' });
        expect(idsOf((await second.find({ where: { status: 'open' }, limit: 10 })).items)).toEqual(['a']);
        expect(await first.count()).toBe(1);
      });

      it('declaring more indexes makes them queryable, for documents written before too; none is ever removed', async () => {
        const collectionName = newName();
        const before = await store.collection<Doc>({ name: collectionName, indexes: ['a'] });
        await apply([
          upsert(before, { id: 'd1', version: 1, a: 1, b: 'y' }),
          upsert(before, { id: 'd2', version: 1, a: 2, b: 'x' }),
          upsert(before, { id: 'd3', version: 1, a: 3 }),
        ]);
        await rejection(before.find({ where: { b: 'x' }, limit: 10 }), ReadModelQueryError);

        const after = await store.collection<Doc>({ name: collectionName, indexes: ['b'] });
        expect(idsOf((await after.find({ where: { b: 'x' }, limit: 10 })).items)).toEqual(['d2']);
        expect(idsOf((await after.find({ where: { b: null }, limit: 10 })).items)).toEqual(['d3']);
        expect(idsOf((await after.find({ orderBy: [{ field: 'b', direction: 'asc' }], limit: 10 })).items)).toEqual(['d3', 'd2', 'd1']);
        // 'a' was declared before and is still indexed; new writes maintain both.
        await apply([upsert(after, { id: 'd4', version: 1, a: 2, b: 'x' })]);
        expect(idsOf((await after.find({ where: { a: 2, b: 'x' }, limit: 10 })).items)).toEqual(['d2', 'd4']);
      });

      it('rejects invalid collection and field names', async () => {
        await expect(store.collection({ name: 'no-dashes', indexes: [] })).rejects.toThrow(TypeError);
        await expect(store.collection({ name: '', indexes: [] })).rejects.toThrow(TypeError);
        await expect(store.collection({ name: '1st', indexes: [] })).rejects.toThrow(TypeError);
        await expect(store.collection({ name: newName(), indexes: ['nested.field'] })).rejects.toThrow(TypeError);
        await expect(store.collection({ name: newName(), indexes: [42 as unknown as string] })).rejects.toThrow(TypeError);
      });

      it('treats collection and field names case-sensitively', async () => {
        const lowerName = newName('items');
        const upperName = lowerName.replace('items', 'Items');
        created.push(upperName);
        const lower = await declare(['x', 'X'], lowerName);
        const upper = await declare(['x'], upperName);
        await apply([upsert(lower, { id: 'a', version: 1, x: 1, X: 2 }), upsert(upper, { id: 'b', version: 1, x: 1 })]);

        expect(idsOf(await all(lower))).toEqual(['a']);
        expect(idsOf(await all(upper))).toEqual(['b']);
        expect(await lower.count({ x: 2 })).toBe(0);
        expect(await lower.count({ X: 2 })).toBe(1);
        expect(await lower.count({ x: 1, X: 2 })).toBe(1);
      });

      it('refuses writes to a collection that was never declared, writing nothing of the batch', async () => {
        const declared = await declare();
        const projection = newName('p');
        const batch = [upsert(declared, { id: 'a', version: 1 }), upsert(newName('undeclared'), { id: 'b', version: 1 })];

        await expect(apply(batch, { projection, position: 5 })).rejects.toThrow();
        expect(await declared.get('a')).toBeUndefined();
        expect(await store.checkpoint(projection)).toBe(0);
      });
    });

    describe('documents', () => {
      it('reads back exactly what was written: nested objects, arrays, numbers, booleans, null, text', async () => {
        const collection = await declare(['title', 'score', 'done', 'owner']);
        const doc = {
          id: 'objective-1',
          version: 7,
          title: 'Grow revenue — 𝔾𝕣𝕠𝕨 "quoted" \\ back\nslash',
          score: -12.75,
          count: 0,
          big: 9007199254740991,
          done: false,
          active: true,
          owner: null,
          empty: '',
          list: [1, 'two', null, true, { three: [3] }, []],
          nested: { deep: { deeper: { value: 1e-7, flags: [false, true] } }, emptyObject: {} },
        };
        await apply([upsert(collection, doc)]);

        const read = await collection.get('objective-1');
        expect(read).toEqual(doc);
        expect(Object.keys(read as object)).toEqual(Object.keys(doc));
        expect(await collection.get('objective-2')).toBeUndefined();
      });

      it('stores copies: changing written or read objects does not change what is stored', async () => {
        const collection = await declare(['status']);
        const doc = { id: 'a', version: 1, status: 'open', list: [1], nested: { n: 1 } };
        await apply([upsert(collection, doc)]);
        doc.status = 'closed';
        doc.list.push(2);
        doc.nested.n = 2;

        const read = (await collection.get('a')) as typeof doc;
        read.list.push(3);
        read.nested.n = 3;

        expect(await collection.get('a')).toEqual({ id: 'a', version: 1, status: 'open', list: [1], nested: { n: 1 } });
        expect((await collection.find({ where: { status: 'open' }, limit: 1 })).items).toHaveLength(1);
      });

      it('ignores an upsert whose version is older than or equal to the stored one and applies a newer one', async () => {
        const collection = await declare(['status']);
        await apply([upsert(collection, { id: 'a', version: 5, status: 'v5' })]);

        await apply([upsert(collection, { id: 'a', version: 4, status: 'v4' })]);
        await apply([upsert(collection, { id: 'a', version: 5, status: 'other v5' })]);
        expect(await collection.get('a')).toEqual({ id: 'a', version: 5, status: 'v5' });
        expect(await collection.count({ status: 'v4' })).toBe(0);

        await apply([upsert(collection, { id: 'a', version: 6, status: 'v6' })]);
        expect(await collection.get('a')).toEqual({ id: 'a', version: 6, status: 'v6' });
        expect(await collection.count({ status: 'v5' })).toBe(0);
        expect(await collection.count({ status: 'v6' })).toBe(1);
      });

      it('deletes with a tombstone: an older or equal upsert does not bring the document back, a newer one does', async () => {
        const collection = await declare(['status']);
        await apply([
          upsert(collection, { id: 'a', version: 3, status: 'open' }),
          upsert(collection, { id: 'b', version: 3, status: 'open' }),
        ]);
        await apply([remove(collection, 'a', 5)]);

        expect(await collection.get('a')).toBeUndefined();
        expect(await collection.getMany(['a', 'b'])).toEqual([{ id: 'b', version: 3, status: 'open' }]);
        expect(await collection.count()).toBe(1);
        expect(await collection.count({ status: 'open' })).toBe(1);
        expect(idsOf((await collection.find({ limit: 10 })).items)).toEqual(['b']);
        expect(idsOf(await all(collection))).toEqual(['b']);

        await apply([upsert(collection, { id: 'a', version: 4, status: 'late' })]);
        await apply([upsert(collection, { id: 'a', version: 5, status: 'same' })]);
        expect(await collection.get('a')).toBeUndefined();
        expect(await collection.count({ status: ['late', 'same'] })).toBe(0);

        await apply([upsert(collection, { id: 'a', version: 6, status: 'reborn' })]);
        expect(await collection.get('a')).toEqual({ id: 'a', version: 6, status: 'reborn' });
        expect(await collection.count({ status: 'reborn' })).toBe(1);
      });

      it('ignores a delete older than or equal to the document, and keeps tombstones for ids never written', async () => {
        const collection = await declare();
        await apply([upsert(collection, { id: 'a', version: 5 })]);
        await apply([remove(collection, 'a', 4), remove(collection, 'a', 5)]);
        expect(await collection.get('a')).toEqual({ id: 'a', version: 5 });

        await apply([remove(collection, 'never-written', 10)]);
        expect(await collection.count()).toBe(1);
        await apply([upsert(collection, { id: 'never-written', version: 9 })]);
        expect(await collection.get('never-written')).toBeUndefined();
        // A newer delete moves the tombstone forward.
        await apply([remove(collection, 'never-written', 12), upsert(collection, { id: 'never-written', version: 11 })]);
        expect(await collection.get('never-written')).toBeUndefined();
        await apply([upsert(collection, { id: 'never-written', version: 13 })]);
        expect(await collection.get('never-written')).toEqual({ id: 'never-written', version: 13 });
      });

      it('applies several writes to one id within a batch as if one after the other', async () => {
        const collection = await declare(['step']);
        await apply([
          upsert(collection, { id: 'a', version: 5, step: 1 }),
          upsert(collection, { id: 'a', version: 3, step: 2 }),
          remove(collection, 'a', 4),
          upsert(collection, { id: 'a', version: 5, step: 3 }),
          upsert(collection, { id: 'a', version: 7, step: 4 }),
          remove(collection, 'a', 6),
          upsert(collection, { id: 'b', version: 2, step: 1 }),
          remove(collection, 'b', 3),
          upsert(collection, { id: 'b', version: 1, step: 2 }),
          upsert(collection, { id: 'c', version: 8, step: 1 }),
          upsert(collection, { id: 'c', version: 8, step: 2 }),
        ]);
        expect(await all(collection)).toEqual([
          { id: 'a', version: 7, step: 4 },
          { id: 'c', version: 8, step: 1 },
        ]);
        expect(await collection.count({ step: 1 })).toBe(1);
        await apply([upsert(collection, { id: 'b', version: 4, step: 5 })]);
        expect(await collection.get('b')).toEqual({ id: 'b', version: 4, step: 5 });
      });

      it('getMany returns the existing documents in the order of the ids asked for', async () => {
        const collection = await declare();
        await apply(['a', 'b', 'c'].map((id) => upsert(collection, { id, version: 1, name: id.toUpperCase() })));

        expect(idsOf(await collection.getMany(['c', 'missing', 'a', 'b']))).toEqual(['c', 'a', 'b']);
        expect(idsOf(await collection.getMany(['b', 'b']))).toEqual(['b', 'b']);
        expect(await collection.getMany(['missing'])).toEqual([]);
        expect(await collection.getMany([])).toEqual([]);
        expect(await collection.getMany(['a'])).toEqual([{ id: 'a', version: 1, name: 'A' }]);
      });
    });

    describe('find', () => {
      const fixture: Doc[] = [
        { id: 'p01', version: 1, status: 'active', score: 10, title: 'banana', flag: true, owner: 'u1' },
        { id: 'p02', version: 1, status: 'done', score: 2, title: 'Apple', flag: false, owner: null },
        { id: 'p03', version: 1, status: 'active', score: 2.5, title: 'cherry', flag: true },
        { id: 'p04', version: 1, status: 'draft', score: -1, title: 'apple', flag: false, owner: 'u2' },
        { id: 'p05', version: 1, status: 'active', score: 10, title: '\u00e9clair', flag: true, owner: 'u1' },
        { id: 'p06', version: 1, status: 'done', score: null, title: '\u{1F600} smile', flag: false, owner: 'u2' },
        { id: 'p07', version: 1, status: 'active', title: '\uFFFD replacement', flag: false },
        { id: 'p08', version: 1, status: 'archived', score: 100, title: 'Zebra', flag: true, owner: 'u3' },
      ];
      const INDEXES = ['status', 'score', 'title', 'flag', 'owner'];

      async function fixtureCollection(): Promise<Collection<Doc>> {
        const collection = await declare(INDEXES);
        // Written in an order that is neither the id order nor any sort order.
        await apply([5, 2, 7, 0, 3, 6, 1, 4].map((i) => upsert(collection, fixture[i])));
        return collection;
      }

      const found = async (collection: Collection<Doc>, query: Omit<FindQuery, 'limit'>, limit = 100) =>
        idsOf((await collection.find({ limit, ...query })).items);

      it('filters by equality on strings, numbers and booleans, returning whole documents in id order', async () => {
        const collection = await fixtureCollection();
        const page = await collection.find({ where: { status: 'active' }, limit: 100 });
        expect(page.items).toEqual([fixture[0], fixture[2], fixture[4], fixture[6]]);
        expect(page.nextCursor).toBeNull();

        expect(await found(collection, { where: { score: 10 } })).toEqual(['p01', 'p05']);
        expect(await found(collection, { where: { score: 2.5 } })).toEqual(['p03']);
        expect(await found(collection, { where: { score: 2 } })).toEqual(['p02']);
        expect(await found(collection, { where: { score: -1 } })).toEqual(['p04']);
        expect(await found(collection, { where: { flag: true } })).toEqual(['p01', 'p03', 'p05', 'p08']);
        expect(await found(collection, { where: { flag: false } })).toEqual(['p02', 'p04', 'p06', 'p07']);
        expect(await found(collection, { where: { title: 'apple' } })).toEqual(['p04']);
        expect(await found(collection, { where: { title: '\u{1F600} smile' } })).toEqual(['p06']);
        expect(await found(collection, { where: { status: 'unknown' } })).toEqual([]);
        expect(await found(collection, { where: {} })).toHaveLength(8);
      });

      it('matches null against null and missing fields', async () => {
        const collection = await fixtureCollection();
        expect(await found(collection, { where: { owner: null } })).toEqual(['p02', 'p03', 'p07']);
        expect(await found(collection, { where: { score: null } })).toEqual(['p06', 'p07']);
      });

      it('matches an array of values as "any of them", null included; an empty array matches nothing', async () => {
        const collection = await fixtureCollection();
        expect(await found(collection, { where: { status: ['done', 'draft'] } })).toEqual(['p02', 'p04', 'p06']);
        expect(await found(collection, { where: { owner: ['u3', null] } })).toEqual(['p02', 'p03', 'p07', 'p08']);
        expect(await found(collection, { where: { score: [10, 100, 7] } })).toEqual(['p01', 'p05', 'p08']);
        expect(await found(collection, { where: { owner: [null] } })).toEqual(['p02', 'p03', 'p07']);
        expect(await found(collection, { where: { status: ['active'] } })).toEqual(['p01', 'p03', 'p05', 'p07']);
        expect(await found(collection, { where: { status: [] } })).toEqual([]);
        expect(await collection.count({ status: [] })).toBe(0);
      });

      it('combines conditions with AND, and filters on id without declaring it', async () => {
        const collection = await fixtureCollection();
        expect(await found(collection, { where: { status: 'active', owner: 'u1' } })).toEqual(['p01', 'p05']);
        expect(await found(collection, { where: { status: 'active', flag: false } })).toEqual(['p07']);
        expect(await found(collection, { where: { status: ['active', 'done'], flag: false, owner: ['u2', null] } })).toEqual([
          'p02',
          'p06',
          'p07',
        ]);
        expect(await found(collection, { where: { id: 'p03' } })).toEqual(['p03']);
        expect(await found(collection, { where: { id: ['p05', 'p01', 'nope'], status: 'active' } })).toEqual(['p01', 'p05']);
      });

      it('orders numbers numerically with null and missing first, and the id ascending among equals', async () => {
        const collection = await fixtureCollection();
        expect(await found(collection, { orderBy: [{ field: 'score', direction: 'asc' }] })).toEqual([
          'p06',
          'p07',
          'p04',
          'p02',
          'p03',
          'p01',
          'p05',
          'p08',
        ]);
        expect(await found(collection, { orderBy: [{ field: 'score', direction: 'desc' }] })).toEqual([
          'p08',
          'p01',
          'p05',
          'p03',
          'p02',
          'p04',
          'p06',
          'p07',
        ]);
        expect(await found(collection, { orderBy: [{ field: 'flag', direction: 'asc' }] })).toEqual([
          'p02',
          'p04',
          'p06',
          'p07',
          'p01',
          'p03',
          'p05',
          'p08',
        ]);
      });

      it('orders strings by code point', async () => {
        const collection = await fixtureCollection();
        const ascending = ['p02', 'p08', 'p04', 'p01', 'p03', 'p05', 'p07', 'p06'];
        expect(await found(collection, { orderBy: [{ field: 'title', direction: 'asc' }] })).toEqual(ascending);
        expect(await found(collection, { orderBy: [{ field: 'title', direction: 'desc' }] })).toEqual([...ascending].reverse());
      });

      it('orders by several fields, by id by default, and by id descending when asked', async () => {
        const collection = await fixtureCollection();
        const orderBy = [
          { field: 'status', direction: 'asc' },
          { field: 'score', direction: 'desc' },
        ] as const;
        expect(await found(collection, { orderBy })).toEqual(['p01', 'p05', 'p03', 'p07', 'p08', 'p02', 'p06', 'p04']);
        expect(await found(collection, { where: { flag: true }, orderBy })).toEqual(['p01', 'p05', 'p03', 'p08']);
        expect(await found(collection, {})).toEqual(['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08']);
        expect(await found(collection, { orderBy: [] })).toEqual(['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08']);
        expect(await found(collection, { orderBy: [{ field: 'id', direction: 'desc' }] })).toEqual([
          'p08',
          'p07',
          'p06',
          'p05',
          'p04',
          'p03',
          'p02',
          'p01',
        ]);
        expect(await found(collection, { where: { status: 'active' }, orderBy: [{ field: 'id', direction: 'desc' }] })).toEqual([
          'p07',
          'p05',
          'p03',
          'p01',
        ]);
      });

      it('honours limit and returns a cursor only when more documents follow', async () => {
        const collection = await fixtureCollection();
        const first = await collection.find({ limit: 3 });
        expect(idsOf(first.items)).toEqual(['p01', 'p02', 'p03']);
        expect(typeof first.nextCursor).toBe('string');
        const second = await collection.find({ limit: 3, after: first.nextCursor as string });
        expect(idsOf(second.items)).toEqual(['p04', 'p05', 'p06']);
        const third = await collection.find({ limit: 3, after: second.nextCursor as string });
        expect(idsOf(third.items)).toEqual(['p07', 'p08']);
        expect(third.nextCursor).toBeNull();

        const exact = await collection.find({ limit: 4, after: (await collection.find({ limit: 4 })).nextCursor as string });
        expect(idsOf(exact.items)).toEqual(['p05', 'p06', 'p07', 'p08']);
        expect(exact.nextCursor).toBeNull();
        expect((await collection.find({ limit: 8 })).nextCursor).toBeNull();
        expect((await collection.find({ limit: 1000 })).items).toHaveLength(8);
        expect(idsOf((await collection.find({ limit: 1, where: { status: 'draft' } })).items)).toEqual(['p04']);
        expect((await collection.find({ limit: 1, where: { status: 'draft' } })).nextCursor).toBeNull();
      });

      it('pages through every matching document exactly once, in order, even when many share the sort values', async () => {
        const collection = await declare<Doc>(['group', 'label', 'rank']);
        const docs: Doc[] = Array.from({ length: 41 }, (_, i) => ({
          id: `k${String(i).padStart(2, '0')}`,
          version: 1,
          ...(i % 4 === 0 ? {} : { group: i % 3 }),
          label: i % 7 === 0 ? null : ['x', 'y'][i % 2],
          rank: i % 5 === 0 ? null : -(i % 2) * 1.5,
        }));
        await apply([...docs].reverse().map((doc) => upsert(collection, doc)));

        const value = (doc: Doc, field: string): FieldValue => (doc[field] ?? null) as FieldValue;
        // Reference order for this data (null, numbers, ASCII strings; one type per field).
        const compareValues = (a: FieldValue, b: FieldValue) =>
          a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as number | string) < (b as number | string) ? -1 : 1;
        const expected = (query: Omit<FindQuery, 'limit' | 'after'>) => {
          const matching = docs.filter((doc) =>
            Object.entries(query.where ?? {}).every(([field, wanted]) =>
              (Array.isArray(wanted) ? wanted : [wanted]).some(
                (candidate) => compareValues(value(doc, field), candidate as FieldValue) === 0,
              ),
            ),
          );
          const keys = [...(query.orderBy ?? []), { field: 'id', direction: 'asc' as const }];
          return matching
            .sort((a, b) => {
              for (const key of keys) {
                const order = compareValues(value(a, key.field), value(b, key.field));
                if (order !== 0) return key.direction === 'asc' ? order : -order;
              }
              return 0;
            })
            .map((doc) => doc.id);
        };

        const queries: Omit<FindQuery, 'limit' | 'after'>[] = [
          {},
          { orderBy: [{ field: 'group', direction: 'asc' }] },
          { orderBy: [{ field: 'group', direction: 'desc' }] },
          {
            orderBy: [
              { field: 'label', direction: 'desc' },
              { field: 'group', direction: 'asc' },
            ],
          },
          {
            orderBy: [
              { field: 'group', direction: 'asc' },
              { field: 'label', direction: 'desc' },
              { field: 'rank', direction: 'asc' },
            ],
          },
          {
            orderBy: [
              { field: 'rank', direction: 'desc' },
              { field: 'label', direction: 'asc' },
            ],
          },
          { where: { label: ['x', null] }, orderBy: [{ field: 'group', direction: 'desc' }] },
          { where: { group: 1 }, orderBy: [{ field: 'label', direction: 'asc' }] },
          { where: { rank: null }, orderBy: [{ field: 'rank', direction: 'asc' }] },
        ];
        for (const query of queries) {
          const want = expected(query);
          for (const limit of [1, 3, 7]) {
            const seen = await pageThrough(collection, query, limit);
            expect({ query, limit, seen }).toEqual({ query, limit, seen: want });
          }
        }
      });

      it('continues after the last document seen, whatever changed before it (keyset paging)', async () => {
        const collection = await declare<Doc>(['score']);
        await apply(Array.from({ length: 9 }, (_, i) => upsert(collection, { id: `s${i + 1}`, version: 1, score: i + 1 })));
        const orderBy = [{ field: 'score', direction: 'asc' }] as const;
        const first = await collection.find({ orderBy, limit: 3 });
        expect(idsOf(first.items)).toEqual(['s1', 's2', 's3']);

        await apply([remove(collection, 's1', 2), remove(collection, 's3', 2), upsert(collection, { id: 's0', version: 1, score: 0 })]);
        const second = await collection.find({ orderBy, limit: 3, after: first.nextCursor as string });
        expect(idsOf(second.items)).toEqual(['s4', 's5', 's6']);
      });

      it('rejects queries on fields that are not indexed', async () => {
        const collection = await fixtureCollection();
        await rejection(collection.find({ where: { missingIndex: 1 }, limit: 10 }), ReadModelQueryError);
        await rejection(collection.find({ where: { version: 1 }, limit: 10 }), ReadModelQueryError);
        await rejection(collection.find({ orderBy: [{ field: 'missingIndex', direction: 'asc' }], limit: 10 }), ReadModelQueryError);
        await rejection(collection.count({ missingIndex: 'x' }), ReadModelQueryError);
      });

      it('rejects a limit outside 1..1000', async () => {
        const collection = await fixtureCollection();
        for (const limit of [0, -1, 1001, 2.5, Number.NaN, undefined as unknown as number, '10' as unknown as number]) {
          await rejection(collection.find({ limit }), ReadModelQueryError);
        }
      });

      it('rejects malformed cursors and cursors made for another order', async () => {
        const collection = await fixtureCollection();
        const orderBy = [{ field: 'score', direction: 'asc' }] as const;
        const { nextCursor } = await collection.find({ orderBy, limit: 2 });
        const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        for (const after of ['', 'not a cursor!', 'abc', forged({ o: 1 }), forged([1, 2]), forged(null), `${nextCursor}x`.slice(2)]) {
          await rejection(collection.find({ orderBy, limit: 2, after }), ReadModelQueryError);
        }
        await rejection(
          collection.find({ orderBy: [{ field: 'score', direction: 'desc' }], limit: 2, after: nextCursor as string }),
          ReadModelQueryError,
        );
        await rejection(collection.find({ limit: 2, after: nextCursor as string }), ReadModelQueryError);
        await expect(collection.find({ orderBy, limit: 2, after: nextCursor as string })).resolves.toMatchObject({
          items: [fixture[3], fixture[1]],
        });
      });

      it('rejects filter values that are not scalars, and malformed orderBy', async () => {
        const collection = await fixtureCollection();
        const bad: unknown[] = [{ nested: 1 }, undefined, Number.NaN, Number.POSITIVE_INFINITY, [['nested']], [{}], new Date(0)];
        for (const value of bad) {
          await rejection(collection.find({ where: { status: value as FieldValue }, limit: 10 }), ReadModelQueryError);
        }
        await rejection(collection.find({ orderBy: [{ field: 'score', direction: 'up' as 'asc' }], limit: 10 }), ReadModelQueryError);
        await rejection(
          collection.find({
            orderBy: [
              { field: 'score', direction: 'asc' },
              { field: 'score', direction: 'desc' },
            ],
            limit: 10,
          }),
          ReadModelQueryError,
        );
      });

      it('counts the live documents matching a filter', async () => {
        const collection = await fixtureCollection();
        expect(await collection.count()).toBe(8);
        expect(await collection.count({})).toBe(8);
        expect(await collection.count({ status: 'active' })).toBe(4);
        expect(await collection.count({ owner: [null, 'u1'] })).toBe(5);
        expect(await collection.count({ status: 'active', flag: true })).toBe(3);
        await apply([remove(collection, 'p01', 2)]);
        expect(await collection.count({ status: 'active' })).toBe(3);
        expect(await collection.count()).toBe(7);
      });
    });

    describe('scan', () => {
      it('yields every live document in id order, page after page', async () => {
        const collection = await declare();
        const ids = ['m', 'b', 'k', 'a', 'z', 'c', 'y', 'd', 'x', 'e'];
        await apply(ids.map((id) => upsert(collection, { id, version: 1, body: `doc ${id}` })));
        await apply([remove(collection, 'k', 2)]);
        const expected = ['a', 'b', 'c', 'd', 'e', 'm', 'x', 'y', 'z'];

        for (const pageSize of [1, 3, 9, 100, undefined]) {
          const seen: Doc[] = [];
          for await (const doc of collection.scan(pageSize)) seen.push(doc);
          expect(idsOf(seen)).toEqual(expected);
        }
        const first = (await all(collection))[0];
        expect(first).toEqual({ id: 'a', version: 1, body: 'doc a' });
      });

      it('yields nothing for an empty collection and rejects a bad page size', async () => {
        const collection = await declare();
        expect(await all(collection)).toEqual([]);
        const iterate = async (pageSize: number) => {
          for await (const doc of collection.scan(pageSize)) void doc;
        };
        await rejection(iterate(0), ReadModelQueryError);
        await rejection(iterate(1.5), ReadModelQueryError);
      });
    });

    describe('apply and checkpoints', () => {
      it('stores the checkpoint with the batch, never moves it backwards, and resets it to 0', async () => {
        const collection = await declare();
        const projection = newName('p');
        const other = newName('p');
        expect(await store.checkpoint(projection)).toBe(0);

        await apply([upsert(collection, { id: 'a', version: 10 })], { projection, position: 10 });
        expect(await store.checkpoint(projection)).toBe(10);
        await apply([], { projection, position: 7 });
        expect(await store.checkpoint(projection)).toBe(10);
        await apply([upsert(collection, { id: 'b', version: 10 })], { projection, position: 10 });
        expect(await store.checkpoint(projection)).toBe(10);
        await apply([], { projection, position: 25 });
        expect(await store.checkpoint(projection)).toBe(25);
        await apply([]);
        await store.apply({ ops: [] });
        expect(await store.checkpoint(projection)).toBe(25);
        expect(await store.checkpoint(other)).toBe(0);

        await apply([], { projection: other, position: 3 });
        await store.resetCheckpoint(projection);
        expect(await store.checkpoint(projection)).toBe(0);
        expect(await store.checkpoint(other)).toBe(3);
        await apply([], { projection, position: 4 });
        expect(await store.checkpoint(projection)).toBe(4);
        await store.resetCheckpoint(newName('p'));
        expect(idsOf(await all(collection))).toEqual(['a', 'b']);
      });

      it('writes nothing of a batch that cannot be applied, and leaves its checkpoint where it was', async () => {
        const collection = await declare(['status']);
        const projection = newName('p');
        await apply([upsert(collection, { id: 'existing', version: 1, status: 'before' })], { projection, position: 1 });
        const circular: Doc = { id: 'circular', version: 2 };
        circular.self = circular;

        const badOps: WriteOp[] = [
          upsert(collection, { id: 'bigint', version: 2, amount: BigInt(1) }),
          upsert(collection, circular),
          upsert(collection, { id: 'object-in-index', version: 2, status: { nested: true } }),
          upsert(collection, { id: 'array-in-index', version: 2, status: ['a'] }),
          upsert(collection, { id: 'zero', version: 0 }),
          upsert(collection, { id: 'fraction', version: 1.5 }),
          upsert(collection, { id: '', version: 2 }),
          upsert(collection, { version: 2 } as Doc),
          remove(collection, 'existing', -1),
          { kind: 'replace', collection: collection.name, id: 'x', version: 2 } as unknown as WriteOp,
        ];
        for (const bad of badOps) {
          const batch = [
            upsert(collection, { id: 'new', version: 2, status: 'new' }),
            upsert(collection, { id: 'existing', version: 2, status: 'after' }),
            bad,
          ];
          await expect(apply(batch, { projection, position: 2 })).rejects.toThrow();
        }
        await expect(apply([upsert(collection, { id: 'new', version: 2 })], { projection: '', position: 2 })).rejects.toThrow();
        await expect(apply([upsert(collection, { id: 'new', version: 2 })], { projection, position: -1 })).rejects.toThrow();

        expect(await all(collection)).toEqual([{ id: 'existing', version: 1, status: 'before' }]);
        expect(await collection.count({ status: ['new', 'after'] })).toBe(0);
        expect(await store.checkpoint(projection)).toBe(1);
      });

      it('leaves the same state when a batch is applied twice, or an older batch after a newer one', async () => {
        const objectives = await declare(['owner', 'score']);
        const results = await declare(['objectiveId']);
        const projection = newName('p');
        const older: WriteBatch = {
          ops: [
            upsert(objectives, { id: 'o1', version: 1, owner: 'u1', score: 1 }),
            upsert(objectives, { id: 'o2', version: 2, owner: 'u2', score: 2 }),
            upsert(results, { id: 'r1', version: 3, objectiveId: 'o1' }),
          ],
          checkpoint: { projection, position: 3 },
        };
        const newer: WriteBatch = {
          ops: [
            upsert(objectives, { id: 'o1', version: 4, owner: 'u3', score: 5 }),
            remove(objectives, 'o2', 5),
            upsert(results, { id: 'r2', version: 6, objectiveId: 'o1' }),
            upsert(objectives, { id: 'o1', version: 7, owner: 'u3', score: 6 }),
          ],
          checkpoint: { projection, position: 7 },
        };
        const snapshot = async () => ({
          objectives: await all(objectives),
          results: await all(results),
          byOwner: idsOf((await objectives.find({ where: { owner: 'u3' }, limit: 10 })).items),
          byScore: idsOf((await objectives.find({ orderBy: [{ field: 'score', direction: 'desc' }], limit: 10 })).items),
          counts: [await objectives.count(), await results.count({ objectiveId: 'o1' })],
          checkpoint: await store.checkpoint(projection),
        });

        await store.apply(older);
        await store.apply(newer);
        const once = await snapshot();
        expect(once.objectives).toEqual([{ id: 'o1', version: 7, owner: 'u3', score: 6 }]);
        expect(once.checkpoint).toBe(7);

        await store.apply(newer);
        expect(await snapshot()).toEqual(once);
        await store.apply(older);
        expect(await snapshot()).toEqual(once);
      });
    });

    describe('dropping and renaming collections', () => {
      it('drops a collection with its documents and tombstones; dropping a missing one does nothing', async () => {
        const collectionName = newName();
        const collection = await declare(['status'], collectionName);
        await apply([upsert(collection, { id: 'a', version: 5, status: 'x' }), remove(collection, 'b', 5)]);

        await store.dropCollection(collectionName);
        await expect(collection.get('a')).rejects.toThrow();
        await expect(apply([upsert(collectionName, { id: 'a', version: 6 })])).rejects.toThrow();
        await store.dropCollection(collectionName);
        await store.dropCollection(newName());

        const again = await declare(['status'], collectionName);
        expect(await all(again)).toEqual([]);
        await apply([upsert(again, { id: 'a', version: 1, status: 'y' }), upsert(again, { id: 'b', version: 1, status: 'y' })]);
        expect(idsOf(await all(again))).toEqual(['a', 'b']);
        expect(await again.count({ status: 'x' })).toBe(0);
        // Handles follow the name: the one taken before the drop sees the new collection.
        expect(await collection.count({ status: 'y' })).toBe(2);
      });

      it('renames a collection over another, replacing its documents, tombstones and indexes entirely', async () => {
        const target = newName('live');
        const source = newName('rebuild');
        const live = await declare(['a'], target);
        await apply([
          upsert(live, { id: 't1', version: 1, a: 'old' }),
          upsert(live, { id: 'shared', version: 9, a: 'old' }),
          remove(live, 't3', 9),
        ]);
        const rebuilt = await declare(['a', 'b'], source);
        await apply([
          upsert(rebuilt, { id: 'shared', version: 2, a: 'new', b: 1 }),
          upsert(rebuilt, { id: 'f1', version: 3, a: 'new', b: 2 }),
          remove(rebuilt, 'f2', 9),
        ]);

        await store.renameCollection(source, target);

        // The handle taken on the target before the rename reads the renamed collection.
        expect(await all(live)).toEqual([
          { id: 'f1', version: 3, a: 'new', b: 2 },
          { id: 'shared', version: 2, a: 'new', b: 1 },
        ]);
        expect(await live.getMany(['t1', 'shared', 'f1'])).toHaveLength(2);
        expect(await live.count({ a: 'old' })).toBe(0);
        const redeclared = await store.collection<Doc>({ name: target, indexes: ['a'] });
        expect(idsOf((await redeclared.find({ where: { b: 2 }, limit: 10 })).items)).toEqual(['f1']);
        // Tombstones: the target's are gone, the source's came along.
        await apply([upsert(target, { id: 't3', version: 1 }), upsert(target, { id: 'f2', version: 1 })]);
        expect(await redeclared.get('t3')).toEqual({ id: 't3', version: 1 });
        expect(await redeclared.get('f2')).toBeUndefined();

        // The source no longer exists.
        await expect(rebuilt.get('f1')).rejects.toThrow();
        await expect(apply([upsert(source, { id: 'x', version: 1 })])).rejects.toThrow();
        expect(await all(await declare([], source))).toEqual([]);
      });

      it('renames to a name that is free, and refuses to rename a collection that does not exist', async () => {
        const source = await declare(['a']);
        await apply([upsert(source, { id: 'a', version: 1, a: 1 })]);
        const target = newName();
        await store.renameCollection(source.name, target);
        const renamed = await store.collection<Doc>({ name: target, indexes: [] });
        expect(await renamed.find({ where: { a: 1 }, limit: 10 })).toEqual({ items: [{ id: 'a', version: 1, a: 1 }], nextCursor: null });

        await expect(store.renameCollection(newName('missing'), target)).rejects.toThrow();
        expect(await renamed.count()).toBe(1);
      });
    });

    describe('isolation and lifecycle', () => {
      it('keeps collections independent, even with the same ids and fields', async () => {
        const left = await declare(['kind']);
        const right = await declare(['kind']);
        await apply([
          upsert(left, { id: 'same', version: 5, kind: 'left' }),
          upsert(right, { id: 'same', version: 1, kind: 'right' }),
          remove(left, 'gone', 3),
          upsert(right, { id: 'gone', version: 1, kind: 'right' }),
        ]);
        expect(await left.get('same')).toEqual({ id: 'same', version: 5, kind: 'left' });
        expect(await right.get('same')).toEqual({ id: 'same', version: 1, kind: 'right' });
        expect(await right.get('gone')).toEqual({ id: 'gone', version: 1, kind: 'right' });
        expect(await left.count({ kind: 'right' })).toBe(0);
        expect(idsOf((await right.find({ where: { kind: 'right' }, limit: 10 })).items)).toEqual(['gone', 'same']);

        await apply([upsert(right, { id: 'same', version: 2, kind: 'right' })]);
        expect(await left.get('same')).toEqual({ id: 'same', version: 5, kind: 'left' });
        await store.dropCollection(left.name);
        expect(await right.count()).toBe(2);
      });

      it('can be closed more than once, and refuses to work once closed', async () => {
        const other = await factory();
        const collection = await other.collection<Doc>({ name: newName(), indexes: [] });
        await other.apply({ ops: [upsert(collection, { id: 'a', version: 1 })] });
        await other.close();
        await other.close();
        await expect(other.apply({ ops: [] })).rejects.toThrow();
        await expect(other.checkpoint('p')).rejects.toThrow();
        await expect(collection.get('a')).rejects.toThrow();
        await teardown(other);
      });
    });

    describe('leases', () => {
      /** A lease name no other test, and no earlier run, uses (leases need no clean-up: they expire). */
      function leaseName(): string {
        nameCounter += 1;
        return `lease_${runId}_${nameCounter}`;
      }
      const acquire = (name: string, owner: string, now: number, ttlMs = 1000, on: ReadModelStore = store) =>
        on.acquireLease({ name, owner, ttlMs, now });

      it('grants a free lease, and a renewal by the holder moves its expiry to now + ttlMs', async () => {
        const name = leaseName();
        expect(await acquire(name, 'a', 10_000, 500)).toEqual({ acquired: true, holder: 'a', expiresAt: 10_500 });
        expect(await acquire(name, 'a', 10_200, 500)).toEqual({ acquired: true, holder: 'a', expiresAt: 10_700 });
        expect(await acquire(name, 'a', 10_300, 2000)).toEqual({ acquired: true, holder: 'a', expiresAt: 12_300 });
        // The holder may renew a lease that expired meanwhile, as long as nobody took it.
        expect(await acquire(name, 'a', 20_000, 500)).toEqual({ acquired: true, holder: 'a', expiresAt: 20_500 });
      });

      it('refuses another owner while the lease runs, and grants it once expired (expiresAt <= now)', async () => {
        const name = leaseName();
        await acquire(name, 'a', 1000, 500);
        expect(await acquire(name, 'b', 1000, 500)).toEqual({ acquired: false, holder: 'a', expiresAt: 1500 });
        expect(await acquire(name, 'b', 1499.5, 500)).toEqual({ acquired: false, holder: 'a', expiresAt: 1500 });
        expect(await acquire(name, 'b', 1500, 700)).toEqual({ acquired: true, holder: 'b', expiresAt: 2200 });
        // The former holder lost it: its renewal is refused and names the new holder.
        expect(await acquire(name, 'a', 1600, 500)).toEqual({ acquired: false, holder: 'b', expiresAt: 2200 });
        expect(await acquire(name, 'c', 5000, 100)).toEqual({ acquired: true, holder: 'c', expiresAt: 5100 });
      });

      it('frees the lease at once when the holder releases it; a release by anyone else does nothing', async () => {
        const name = leaseName();
        await acquire(name, 'a', 1000, 60_000);
        await store.releaseLease(name, 'b');
        await store.releaseLease(name, 'A');
        expect(await acquire(name, 'b', 1001)).toEqual({ acquired: false, holder: 'a', expiresAt: 61_000 });

        await store.releaseLease(name, 'a');
        expect(await acquire(name, 'b', 1002, 60_000)).toEqual({ acquired: true, holder: 'b', expiresAt: 61_002 });
        // Releasing again, or a lease nobody ever held, changes nothing.
        await store.releaseLease(name, 'a');
        await store.releaseLease(leaseName(), 'a');
        expect(await acquire(name, 'a', 1003)).toEqual({ acquired: false, holder: 'b', expiresAt: 61_002 });
      });

      it('keeps leases independent by name (case-sensitive), and apart from collections and checkpoints', async () => {
        const first = leaseName();
        const second = `${first}_other`;
        const upper = first.toUpperCase();
        expect((await acquire(first, 'a', 1000, 500)).acquired).toBe(true);
        expect(await acquire(second, 'b', 1000, 500)).toEqual({ acquired: true, holder: 'b', expiresAt: 1500 });
        expect(await acquire(upper, 'c', 1000, 500)).toEqual({ acquired: true, holder: 'c', expiresAt: 1500 });
        await store.releaseLease(first, 'a');
        expect(await acquire(second, 'd', 1100)).toEqual({ acquired: false, holder: 'b', expiresAt: 1500 });
        expect(await acquire(upper, 'd', 1100)).toEqual({ acquired: false, holder: 'c', expiresAt: 1500 });

        // A collection and a checkpoint of the same name as a held lease are unaffected by it, and the other way round.
        const collection = await declare([], newName());
        const shared = collection.name;
        expect((await acquire(shared, 'a', 1000, 500)).acquired).toBe(true);
        await apply([upsert(collection, { id: 'x', version: 1 })], { projection: shared, position: 1 });
        await store.releaseLease(shared, 'a');
        expect(await collection.get('x')).toEqual({ id: 'x', version: 1 });
        expect(await store.checkpoint(shared)).toBe(1);
        await store.resetCheckpoint(shared);
        expect(await acquire(shared, 'b', 1100, 500)).toEqual({ acquired: true, holder: 'b', expiresAt: 1600 });
      });

      it('grants a free or expired lease to exactly one of many concurrent callers', async () => {
        const name = leaseName();
        const owners = Array.from({ length: 25 }, (_, i) => `owner-${i}`);

        const first = await Promise.all(owners.map((owner) => acquire(name, owner, 1000, 500)));
        const winners = first.filter((state) => state.acquired);
        expect(winners).toHaveLength(1);
        const winner = winners[0].holder as string;
        expect(owners).toContain(winner);
        expect(first.every((state) => state.holder === winner && state.expiresAt === 1500)).toBe(true);

        // Expired: once more exactly one of the contenders (the former holder among them) gets it.
        const second = await Promise.all(owners.map((owner) => acquire(name, owner, 1500, 500)));
        const nextWinners = second.filter((state) => state.acquired);
        expect(nextWinners).toHaveLength(1);
        const next = nextWinners[0].holder as string;
        expect(second.every((state) => state.holder === next && state.expiresAt === 2000)).toBe(true);
      });

      it('rejects bad requests (TypeError, RangeError) and leaves the lease as it was', async () => {
        const name = leaseName();
        await acquire(name, 'a', 1000, 500);
        const request = (overrides: Partial<Record<keyof LeaseRequest, unknown>>) =>
          store.acquireLease({ name, owner: 'b', ttlMs: 500, now: 2000, ...overrides } as LeaseRequest);

        for (const badName of ['', '1lease', 'has-dash', 'has space', 'x'.repeat(65), 42, null, undefined]) {
          await rejection(request({ name: badName }), TypeError);
          await rejection(store.releaseLease(badName as string, 'a'), TypeError);
        }
        for (const badOwner of ['', 7, null, undefined]) {
          await rejection(request({ owner: badOwner }), TypeError);
          await rejection(store.releaseLease(name, badOwner as string), TypeError);
        }
        for (const badTtl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '500', undefined])
          await rejection(request({ ttlMs: badTtl }), RangeError);
        for (const badNow of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '2000', undefined])
          await rejection(request({ now: badNow }), RangeError);
        await rejection(store.acquireLease(null as unknown as LeaseRequest), TypeError);

        // Nothing was granted or released: 'a' still holds it until 1500.
        expect(await acquire(name, 'b', 1400)).toEqual({ acquired: false, holder: 'a', expiresAt: 1500 });
      });

      it('refuses lease calls once the store is closed', async () => {
        const other = await factory();
        await other.close();
        await expect(other.acquireLease({ name: leaseName(), owner: 'a', ttlMs: 500, now: 1000 })).rejects.toThrow();
        await expect(other.releaseLease(leaseName(), 'a')).rejects.toThrow();
        await teardown(other);
      });

      const { openSibling } = options;
      if (openSibling) {
        it('keeps leases across reopening, and shares them atomically between stores on the same storage', async () => {
          const name = leaseName();
          const before = await openSibling(store);
          try {
            expect(await acquire(name, 'a', 1000, 500, before)).toEqual({ acquired: true, holder: 'a', expiresAt: 1500 });
          } finally {
            await teardown(before);
          }

          const reopened = await openSibling(store);
          try {
            expect(await acquire(name, 'b', 1200, 500, reopened)).toEqual({ acquired: false, holder: 'a', expiresAt: 1500 });
            expect(await acquire(name, 'a', 1200, 500, reopened)).toEqual({ acquired: true, holder: 'a', expiresAt: 1700 });
            expect(await acquire(name, 'b', 1300, 500)).toEqual({ acquired: false, holder: 'a', expiresAt: 1700 });
            // Released through one store, free at once through the other.
            await store.releaseLease(name, 'a');
            expect(await acquire(name, 'b', 1300, 500, reopened)).toEqual({ acquired: true, holder: 'b', expiresAt: 1800 });

            // Contenders spread over both stores, once the lease has expired: exactly one wins.
            const owners = Array.from({ length: 20 }, (_, i) => `owner-${i}`);
            const states = await Promise.all(owners.map((owner, i) => acquire(name, owner, 1800, 500, i % 2 === 0 ? store : reopened)));
            const winners = states.filter((state) => state.acquired);
            expect(winners).toHaveLength(1);
            expect(states.every((state) => state.holder === winners[0].holder && state.expiresAt === 2300)).toBe(true);
          } finally {
            await teardown(reopened);
          }
        });
      }
    });
  });
}
