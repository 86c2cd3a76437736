import { MongoBulkWriteError, MongoNetworkError } from 'mongodb';
import { ReadModelDocument } from '../read-model.port';
import { readModelContract } from '../testing/read-model.contract';
import { bulkWriteErrorOf, FakeMongoCollection, FakeMongoDatabase } from './testing/fake-mongo-database';
import { MongoUnavailableError } from './mongo-errors';
import { MongoReadModelStore } from './mongodb-read-model-store';

readModelContract('MongoReadModelStore (on the fake driver)', () => MongoReadModelStore.attach(new FakeMongoDatabase().asDb()), undefined, {
  openSibling: (store) => MongoReadModelStore.attach((store as MongoReadModelStore).db),
});

describe('MongoReadModelStore', () => {
  type Doc = ReadModelDocument & Record<string, unknown>;
  let database: FakeMongoDatabase;
  let store: MongoReadModelStore;
  beforeEach(() => {
    database = new FakeMongoDatabase('okr');
    store = MongoReadModelStore.attach(database.asDb());
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  describe('connect', () => {
    it('fails fast when no server answers, naming it without credentials (the real driver, nothing listening)', async () => {
      const started = Date.now();
      const error = await MongoReadModelStore.connect({
        url: 'mongodb://reader:hunter22@127.0.0.1:1/okr?authSource=admin',
        connectTimeoutMs: 300,
      }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(MongoUnavailableError);
      expect(error?.message).toMatch(
        /^Cannot connect to MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/okr\?… \(database okr\) within 300 ms: /,
      );
      expect(error?.message).not.toContain('hunter22');
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('refuses malformed options with a TypeError or RangeError, before connecting', async () => {
      await expect(MongoReadModelStore.connect({ url: 'http://user:secret@host/db' })).rejects.toThrow(TypeError);
      await expect(MongoReadModelStore.connect({ url: 'http://user:secret@host/db' })).rejects.not.toThrow(/secret/);
      await expect(MongoReadModelStore.connect({ url: '' })).rejects.toThrow(TypeError);
      await expect(MongoReadModelStore.connect(null as never)).rejects.toThrow(TypeError);
      await expect(MongoReadModelStore.connect({ url: 'mongodb://localhost/bad.name' })).rejects.toThrow(TypeError);
      await expect(MongoReadModelStore.connect({ url: 'mongodb://localhost', database: 'a b' })).rejects.toThrow(TypeError);
      for (const connectTimeoutMs of [0, -5, 1.5, Number.NaN]) {
        await expect(MongoReadModelStore.connect({ url: 'mongodb://localhost', connectTimeoutMs })).rejects.toThrow(RangeError);
      }
    });
  });

  describe('ping', () => {
    it('reports up with the latency, and down with the reason, never throwing', async () => {
      expect(await store.ping()).toEqual({ status: 'up', latencyMs: expect.any(Number) });
      database.failWith(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'));
      expect(await store.ping()).toEqual({
        status: 'down',
        latencyMs: expect.any(Number),
        error: 'connection 3 to 127.0.0.1:27017 closed',
      });
      database.failWith(null);
      expect((await store.ping()).status).toBe('up');
      await store.close();
      expect(await store.ping()).toEqual({ status: 'down', latencyMs: 0, error: 'MongoReadModelStore is closed' });
    });
  });

  describe('a lost server', () => {
    it('rejects calls with MongoUnavailableError while the server is away, and works again once it is back', async () => {
      const collection = await store.collection<Doc>({ name: 'items', indexes: ['status'] });
      database.failWith(new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017'));
      await expect(
        store.apply({ ops: [{ kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1, status: 'x' } }] }),
      ).rejects.toThrow(MongoUnavailableError);
      await expect(collection.get('a')).rejects.toThrow(/MongoDB read-model store at database okr is unreachable: connect ECONNREFUSED/);
      await expect(store.checkpoint('okr')).rejects.toThrow(MongoUnavailableError);

      database.failWith(null);
      await store.apply({
        ops: [{ kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1, status: 'x' } }],
        checkpoint: { projection: 'okr', position: 1 },
      });
      expect(await collection.get('a')).toEqual({ id: 'a', version: 1, status: 'x' });
      expect(await store.checkpoint('okr')).toBe(1);
    });
  });

  describe('apply', () => {
    it('writes documents, then the checkpoint; a write that fails otherwise than on a version guard fails the batch and stores no checkpoint', async () => {
      await store.collection({ name: 'items', indexes: [] });
      await store.collection({ name: 'others', indexes: [] });
      const items = database.collection('rm_items');
      jest.spyOn(FakeMongoCollection.prototype, 'bulkWrite').mockImplementation(async function (this: FakeMongoCollection) {
        if (this.collectionName === items.collectionName)
          throw bulkWriteErrorOf([
            { index: 0, code: 11000 },
            { index: 1, code: 121 },
          ]);
        return undefined as never;
      });
      await expect(
        store.apply({
          ops: [
            { kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1 } },
            { kind: 'upsert', collection: 'items', doc: { id: 'b', version: 1 } },
            { kind: 'upsert', collection: 'others', doc: { id: 'c', version: 1 } },
          ],
          checkpoint: { projection: 'okr', position: 3 },
        }),
      ).rejects.toThrow(MongoBulkWriteError);
      jest.restoreAllMocks();
      expect(await store.checkpoint('okr')).toBe(0);
    });

    it('sends one unordered bulk write per collection, then the checkpoint', async () => {
      await store.collection({ name: 'items', indexes: [] });
      await store.collection({ name: 'others', indexes: [] });
      database.calls.length = 0;
      await store.apply({
        ops: [
          { kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1 } },
          { kind: 'upsert', collection: 'others', doc: { id: 'c', version: 1 } },
          { kind: 'delete', collection: 'items', id: 'b', version: 2 },
        ],
        checkpoint: { projection: 'okr', position: 3 },
      });
      expect(database.calls).toEqual(['read_model_collections.find', 'rm_items.bulkWrite', 'rm_others.bulkWrite', 'checkpoints.updateOne']);
      expect(database.documentsOf('rm_items')).toEqual([
        { _id: 'a', version: 1, live: true, fields: {}, doc: { id: 'a', version: 1 } },
        { _id: 'b', version: 2, live: false },
      ]);
      expect(database.documentsOf('checkpoints')).toEqual([{ _id: 'okr', position: 3 }]);
    });
  });

  describe('reads', () => {
    it('rejects a non-string id rather than sending it as a query', async () => {
      const collection = await store.collection<Doc>({ name: 'items', indexes: [] });
      await store.apply({ ops: [{ kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1 } }] });
      await expect(collection.get({ $ne: null } as never)).rejects.toThrow(TypeError);
      await expect(collection.getMany([{ $ne: null }] as never)).rejects.toThrow(TypeError);
    });

    it('returns independent objects for a repeated id in getMany', async () => {
      const collection = await store.collection<Doc>({ name: 'items', indexes: [] });
      await store.apply({ ops: [{ kind: 'upsert', collection: 'items', doc: { id: 'a', version: 1, list: [1] } }] });
      const [first, second] = await collection.getMany(['a', 'a']);
      (first.list as number[]).push(2);
      expect(second).toEqual({ id: 'a', version: 1, list: [1] });
    });

    it('reads a page after a cursor in segments, stopping as soon as the page is full', async () => {
      const collection = await store.collection<Doc>({ name: 'mixed', indexes: ['v'] });
      const values = [1, 2, 3, 'a', 'b', 'c', null];
      await store.apply({
        ops: values.map((v, i) => ({ kind: 'upsert' as const, collection: 'mixed', doc: { id: `m${i}`, version: 1, v } })),
      });
      const orderBy = [{ field: 'v', direction: 'desc' as const }];
      const first = await collection.find({ orderBy, limit: 1 });
      expect(first.items.map((doc) => doc.v)).toEqual(['c']);
      database.calls.length = 0;
      // From 'c' descending: the strings below it fill the page (and tell that more follow) alone.
      expect((await collection.find({ orderBy, limit: 1, after: first.nextCursor as string })).items.map((doc) => doc.v)).toEqual(['b']);
      expect(database.calls.filter((call) => call === 'rm_mixed.find')).toHaveLength(1);
      // Then the numbers, then null: three segments for the rest.
      database.calls.length = 0;
      const rest = await collection.find({ orderBy, limit: 10, after: first.nextCursor as string });
      expect(rest.items.map((doc) => doc.v)).toEqual(['b', 'a', 3, 2, 1, null]);
      expect(database.calls.filter((call) => call === 'rm_mixed.find')).toHaveLength(3);
    });
  });
});
