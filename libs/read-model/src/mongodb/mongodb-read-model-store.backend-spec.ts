import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { ReadModelDocument } from '../read-model.port';
import { readModelContract } from '../testing/read-model.contract';
import { CATALOG_COLLECTION, physicalName } from './mongo-collection-catalog';
import { MongoReadModelStore } from './mongodb-read-model-store';

/**
 * The read-model contract, and what only a real server can show, against the MongoDB at MONGODB_URL (e.g.
 * mongodb://localhost:27017; a standalone mongod will do). Run only by the backend jest project when the URL is
 * set. Every store the contract opens gets a database of its own (its siblings share it), dropped after the file.
 */
const url = process.env.MONGODB_URL as string;
const runId = randomUUID().replace(/-/g, '').slice(0, 8);
let databaseCounter = 0;
const databases = new Set<string>();

function freshDatabase(): string {
  databaseCounter += 1;
  const name = `okr_rm_test_${runId}_${databaseCounter}`;
  databases.add(name);
  return name;
}

const connect = (database: string) => MongoReadModelStore.connect({ url, database, connectTimeoutMs: 5000 });

let admin: MongoClient;
beforeAll(async () => {
  if (!url) throw new Error('MONGODB_URL is not set: this file runs only against a MongoDB server');
  admin = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
});
afterAll(async () => {
  try {
    for (const database of databases) await admin.db(database).dropDatabase();
  } finally {
    await admin?.close();
  }
});

readModelContract('MongoReadModelStore (MongoDB server)', () => connect(freshDatabase()), undefined, {
  openSibling: (store) => connect((store as MongoReadModelStore).db.databaseName),
});

describe('MongoReadModelStore on a MongoDB server', () => {
  let store: MongoReadModelStore;
  beforeEach(async () => {
    store = await connect(freshDatabase());
  });
  afterEach(async () => {
    await store.close();
  });

  type Doc = ReadModelDocument & Record<string, unknown>;

  it('answers ping, and exposes its database', async () => {
    expect(await store.ping()).toMatchObject({ status: 'up' });
    expect(store.db.databaseName).toMatch(/^okr_rm_test_/);
    await store.close();
    expect(await store.ping()).toMatchObject({ status: 'down' });
  });

  it('stores bodies BSON keeps as nested documents, and the others as JSON text, reading both back exactly', async () => {
    const collection = await store.collection<Doc>({ name: 'bodies', indexes: ['title'] });
    const plain = { id: 'plain', version: 1, title: 'a', nested: { list: [1, 2.5, 'x', null, true], deep: { n: 9007199254740991 } } };
    const dollar = { id: 'dollar', version: 1, title: 'b', $price: 1, 'dotted.key': { $inner: true } };
    const surrogate = { id: 'surrogate', version: 1, title: 'c', text: 'lone \ud800 surrogate', '': 'empty key' };
    await store.apply({ ops: [plain, dollar, surrogate].map((doc) => ({ kind: 'upsert' as const, collection: 'bodies', doc })) });

    expect(await collection.getMany(['plain', 'dollar', 'surrogate'])).toEqual([plain, dollar, surrogate]);
    const raw = await store.db
      .collection(physicalName('bodies'))
      .find({}, { sort: { _id: 1 } })
      .toArray();
    expect(raw.map((stored) => [stored._id, stored.doc !== undefined ? 'doc' : 'json'])).toEqual([
      ['dollar', 'json'],
      ['plain', 'doc'],
      ['surrogate', 'json'],
    ]);
  });

  it('orders strings by code point on the server (binary UTF-8 comparison), and booleans as 0/1 among numbers', async () => {
    const collection = await store.collection<Doc>({ name: 'ordering', indexes: ['value'] });
    const values: unknown[] = ['\uffff', '\u{1F600}', '\ue000', 'z', 'Z', '\u00e9', '', 2, true, false, -1, null];
    await store.apply({
      ops: values.map((value, i) => ({
        kind: 'upsert' as const,
        collection: 'ordering',
        doc: { id: `v${String(i).padStart(2, '0')}`, version: 1, value },
      })),
    });

    const page = await collection.find({ orderBy: [{ field: 'value', direction: 'asc' }], limit: 100 });
    expect(page.items.map((doc) => doc.value)).toEqual([null, -1, false, true, 2, '', 'Z', 'z', '\u00e9', '\ue000', '\uffff', '\u{1F600}']);
    expect((await collection.find({ where: { value: 1 }, limit: 10 })).items.map((doc) => doc.value)).toEqual([true]);
  });

  it('creates its indexes when a collection is declared, and more when more fields are declared', async () => {
    await store.collection({ name: 'indexed', indexes: ['a'] });
    await store.collection({ name: 'indexed', indexes: ['b'] });
    const names = (await store.db.collection(physicalName('indexed')).indexes()).map((index) => index.name).sort();
    expect(names).toEqual(['_id_', 'fields_a', 'fields_b', 'live_id']);
    const catalog = await store.db.collection(CATALOG_COLLECTION).findOne({ _id: 'indexed' as never });
    expect(catalog).toMatchObject({ indexes: ['a', 'b'], pending: [] });
  });

  it('uses the field index for an equality filter and for a keyset page', async () => {
    const collection = await store.collection<Doc>({ name: 'planned', indexes: ['group', 'rank'] });
    await store.apply({
      ops: Array.from({ length: 200 }, (_, i) => ({
        kind: 'upsert' as const,
        collection: 'planned',
        doc: { id: `d${String(i).padStart(3, '0')}`, version: 1, group: i % 10, rank: i },
      })),
    });
    const first = await collection.find({ orderBy: [{ field: 'rank', direction: 'asc' }], limit: 50 });
    const second = await collection.find({ orderBy: [{ field: 'rank', direction: 'asc' }], limit: 50, after: first.nextCursor as string });
    expect(second.items[0].rank).toBe(50);

    const explained = await store.db
      .collection(physicalName('planned'))
      .find({ $and: [{ live: true }, { 'fields.rank': { $gte: 50 } }] }, { sort: { 'fields.rank': 1, _id: 1 }, limit: 51 })
      .explain('queryPlanner');
    expect(JSON.stringify(explained.queryPlanner.winningPlan)).toContain('fields_rank');
  });

  it('guards writes against a concurrent writer: of two racing upserts of one id the newer version stays', async () => {
    const collection = await store.collection<Doc>({ name: 'raced', indexes: [] });
    const other = await connect(store.db.databaseName);
    try {
      for (let round = 0; round < 20; round++) {
        const id = `r${round}`;
        await Promise.all([
          store.apply({ ops: [{ kind: 'upsert', collection: 'raced', doc: { id, version: 2, by: 'store' } }] }),
          other.apply({ ops: [{ kind: 'upsert', collection: 'raced', doc: { id, version: 1, by: 'other' } }] }),
        ]);
        expect(await collection.get(id)).toEqual({ id, version: 2, by: 'store' });
      }
    } finally {
      await other.close();
    }
  });
});
