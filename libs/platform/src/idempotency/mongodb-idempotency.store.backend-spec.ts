import { MongoClient } from 'mongodb';
import { MongoIdempotencyStore } from './mongodb-idempotency.store';
import { idempotencyStoreContract } from './testing/idempotency-store.contract';

/**
 * The idempotency contract against a real MongoDB (`npm run test:backends`, with MONGODB_URL set, e.g.
 * after `docker compose up -d mongo`: MONGODB_URL=mongodb://localhost:27017). Uses a throw-away database.
 */
const url = process.env.MONGODB_URL;
if (!url) throw new Error('MONGODB_URL is not set: the backend specs run against real servers (see README, "Production backends")');

const database = `okr_idempotency_test_${process.pid}_${Date.now().toString(36)}`;
let client: MongoClient;

beforeAll(async () => {
  client = await new MongoClient(url, { serverSelectionTimeoutMS: 5000 }).connect();
});
afterAll(async () => {
  await client.db(database).dropDatabase();
  await client.close();
});

idempotencyStoreContract('MongoDB', () => ({ store: new MongoIdempotencyStore(client.db(database)) }));

describe('MongoIdempotencyStore', () => {
  it('keeps records in the idempotency_records collection, one document per scope and key', async () => {
    const store = new MongoIdempotencyStore(client.db(database));
    const record = {
      scope: 'mongo:u1',
      key: 'k',
      requestHash: 'c'.repeat(64),
      status: 201,
      body: { a: 1 },
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    await store.save(record);
    await store.save({ ...record, status: 200 });
    const docs = await client.db(database).collection(MongoIdempotencyStore.COLLECTION).find({ scope: 'mongo:u1' }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ key: 'k', status: 201, body: '{"a":1}' });
  });
});
