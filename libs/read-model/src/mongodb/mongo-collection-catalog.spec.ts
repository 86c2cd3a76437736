import { Collection, ReadModelDocument, ReadModelQueryError } from '../read-model.port';
import { FakeMongoDatabase, serverError } from './testing/fake-mongo-database';
import { CATALOG_COLLECTION, physicalName } from './mongo-collection-catalog';
import { MongoReadModelStore } from './mongodb-read-model-store';

type Doc = ReadModelDocument & Record<string, unknown>;

/**
 * The catalog's steps, interrupted half-way as a crash (or a lost connection) would leave them, and completed by
 * the next call: a new store (empty cache) on the same fake database plays the restarted process.
 */
describe('MongoCollectionCatalog', () => {
  let database: FakeMongoDatabase;
  let store: MongoReadModelStore;
  let liveHandle: Collection<Doc>;
  const restart = () => MongoReadModelStore.attach(database.asDb());
  const catalog = () => database.documentsOf(CATALOG_COLLECTION);
  const setMark = (name: string, mark: Record<string, unknown>) =>
    database
      .asDb()
      .collection(CATALOG_COLLECTION)
      .updateOne({ _id: name as never }, { $set: mark });
  const upsert = (collection: string, doc: Doc) => ({ kind: 'upsert' as const, collection, doc });

  beforeEach(async () => {
    database = new FakeMongoDatabase();
    store = restart();
    liveHandle = await store.collection<Doc>({ name: 'live', indexes: ['a'] });
    await store.collection({ name: 'rebuild', indexes: ['a', 'b'] });
    await store.apply({
      ops: [upsert('live', { id: 'old', version: 1, a: 'old' }), upsert('rebuild', { id: 'new', version: 2, a: 'new', b: 1 })],
    });
  });

  it('keeps one catalog document per collection, its MongoDB collection prefixed rm_', async () => {
    expect(catalog()).toEqual([
      { _id: 'live', indexes: ['a'], pending: [] },
      { _id: 'rebuild', indexes: ['a', 'b'], pending: [] },
    ]);
    expect(database.collectionNames()).toEqual([CATALOG_COLLECTION, physicalName('live'), physicalName('rebuild')]);
  });

  it('finishes a rename that stopped after MongoDB moved the collection (the mark says so)', async () => {
    await setMark('rebuild', { renamingTo: 'live' });
    await database.renameCollection(physicalName('rebuild'), physicalName('live'), { dropTarget: true });

    const restarted = restart();
    await expect(restarted.apply({ ops: [upsert('rebuild', { id: 'x', version: 9 })] })).rejects.toThrow(/being renamed to live/);
    await expect(restarted.collection({ name: 'rebuild', indexes: [] })).rejects.toThrow(/being renamed to live/);
    await expect(restarted.renameCollection('rebuild', 'other')).rejects.toThrow(/being renamed to live/);

    await restarted.renameCollection('rebuild', 'live');
    expect(catalog()).toEqual([{ _id: 'live', indexes: ['a', 'b'], pending: [] }]);
    const live = await restarted.collection<Doc>({ name: 'live', indexes: [] });
    expect(await live.getMany(['old', 'new'])).toEqual([{ id: 'new', version: 2, a: 'new', b: 1 }]);
    expect((await live.find({ where: { b: 1 }, limit: 10 })).items).toHaveLength(1);
  });

  it('finishes a rename that stopped before MongoDB moved the collection', async () => {
    await setMark('rebuild', { renamingTo: 'live' });
    const restarted = restart();
    await restarted.renameCollection('rebuild', 'live');
    const live = await restarted.collection<Doc>({ name: 'live', indexes: [] });
    expect(await live.getMany(['old', 'new'])).toEqual([{ id: 'new', version: 2, a: 'new', b: 1 }]);
    expect(database.collectionNames()).toEqual([CATALOG_COLLECTION, physicalName('live')]);
  });

  it('renaming a declared collection whose MongoDB collection is missing empties the target', async () => {
    await database.dropCollection(physicalName('rebuild'));
    await store.renameCollection('rebuild', 'live');
    const live = await store.collection<Doc>({ name: 'live', indexes: [] });
    expect(await live.count()).toBe(0);
  });

  it('clears the mark when the server refuses a rename, so the collection stays usable', async () => {
    const renameCollection = jest.spyOn(database, 'renameCollection').mockRejectedValueOnce(serverError(13, 'not authorized'));
    await expect(store.renameCollection('rebuild', 'live')).rejects.toThrow('not authorized');
    expect(renameCollection).toHaveBeenCalledTimes(1);
    expect(catalog().find((document) => document._id === 'rebuild')).toEqual({ _id: 'rebuild', indexes: ['a', 'b'], pending: [] });
    await store.apply({ ops: [upsert('rebuild', { id: 'more', version: 3 })] });
  });

  it('keeps the mark when the outcome of a rename is unknown (the connection was lost)', async () => {
    jest.spyOn(database, 'renameCollection').mockRejectedValueOnce(new Error('connection reset'));
    await expect(store.renameCollection('rebuild', 'live')).rejects.toThrow('connection reset');
    expect(catalog().find((document) => document._id === 'rebuild')).toMatchObject({ renamingTo: 'live' });
    await store.renameCollection('rebuild', 'live');
    expect(catalog().map((document) => document._id)).toEqual(['live']);
  });

  it('treats a collection marked as being dropped as missing, and declaring it again finishes the drop', async () => {
    await setMark('live', { dropping: true });
    const restarted = restart();
    await expect(restarted.apply({ ops: [upsert('live', { id: 'x', version: 9 })] })).rejects.toThrow(/does not exist/);
    await expect(restarted.renameCollection('live', 'elsewhere')).rejects.toThrow(/does not exist/);
    const again = await restarted.collection<Doc>({ name: 'live', indexes: [] });
    expect(await again.count()).toBe(0);
    expect(catalog().find((document) => document._id === 'live')).toEqual({ _id: 'live', indexes: [], pending: [] });
  });

  it('resumes a declaration that stopped with pending fields: writers maintain them, queries wait for them', async () => {
    await database
      .asDb()
      .collection(CATALOG_COLLECTION)
      .updateOne({ _id: 'live' as never }, { $set: { pending: ['c'] } });
    const restarted = restart();
    await restarted.apply({ ops: [upsert('live', { id: 'late', version: 1, a: 'x', c: 'written' })] });
    await expect(liveHandle.find({ where: { c: 'written' }, limit: 10 })).rejects.toThrow(ReadModelQueryError);
    expect(database.documentsOf(physicalName('live')).find((stored) => stored._id === 'late')?.fields).toEqual({ a: 'x', c: 'written' });
    const live = await restarted.collection<Doc>({ name: 'live', indexes: [] });
    // The redeclaration resumed c: backfilled (the old document has no c: null) and indexed.
    expect(catalog().find((document) => document._id === 'live')).toEqual({ _id: 'live', indexes: ['a', 'c'], pending: [] });
    expect((await live.find({ where: { c: null }, limit: 10 })).items.map((doc) => doc.id)).toEqual(['old']);
    expect(database.indexesOf(physicalName('live')).has('fields_c')).toBe(true);
  });

  it('lets a store query fields another store declared since, and makes its writes maintain them', async () => {
    const other = restart();
    const stale = await store.collection<Doc>({ name: 'live', indexes: [] });
    await other.collection({ name: 'live', indexes: ['z'] });
    // `store` cached the entry without z: its writes read the catalog afresh, its query re-reads the entry.
    await store.apply({ ops: [upsert('live', { id: 'zed', version: 1, z: 26 })] });
    expect((await stale.find({ where: { z: 26 }, limit: 10 })).items.map((doc) => doc.id)).toEqual(['zed']);
    await expect(stale.find({ where: { never: 1 }, limit: 10 })).rejects.toThrow(ReadModelQueryError);
  });

  it('backfills documents of another collection form (JSON text bodies) too', async () => {
    await store.apply({ ops: [upsert('live', { id: 'odd', version: 1, $weird: true, later: { nested: 1 }, flag: true })] });
    const live = await store.collection<Doc>({ name: 'live', indexes: ['later', 'flag'] });
    expect((await live.find({ where: { flag: 1 }, limit: 10 })).items.map((doc) => doc.id)).toEqual(['odd']);
    expect((await live.find({ where: { later: '{"nested":1}' }, limit: 10 })).items.map((doc) => doc.id)).toEqual(['odd']);
  });
});
