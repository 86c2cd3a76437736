import { Collection } from 'mongodb';
import { FakeMongoDatabase } from './testing/fake-mongo-database';
import { acquireFilter, acquireUpdate, LeaseDocument, MongoLeases, releaseFilter } from './mongo-lease';

describe('lease documents', () => {
  it('acquires when the caller holds the lease or it has expired (the upsert covers a missing one)', () => {
    expect(acquireFilter('okr', 'replica-1', 1000)).toEqual({ _id: 'okr', $or: [{ owner: 'replica-1' }, { expiresAt: { $lte: 1000 } }] });
    expect(acquireUpdate('replica-1', 6000)).toEqual({ $set: { owner: 'replica-1', expiresAt: 6000 } });
  });

  it('releases only for the holder', () => {
    expect(releaseFilter('okr', 'replica-1')).toEqual({ _id: 'okr', owner: 'replica-1' });
  });
});

describe('MongoLeases', () => {
  let database: FakeMongoDatabase;
  let collection: Collection<LeaseDocument>;
  let leases: MongoLeases;
  beforeEach(() => {
    database = new FakeMongoDatabase();
    collection = database.asDb().collection<LeaseDocument>('leases');
    leases = new MongoLeases(() => collection);
  });

  it('stores one document per lease, deleted on release', async () => {
    await leases.acquire({ name: 'okr', owner: 'a', ttlMs: 500, now: 1000 });
    expect(database.documentsOf('leases')).toEqual([{ _id: 'okr', owner: 'a', expiresAt: 1500 }]);
    await leases.release('okr', 'b');
    expect(database.documentsOf('leases')).toHaveLength(1);
    await leases.release('okr', 'a');
    expect(database.documentsOf('leases')).toEqual([]);
  });

  it('reports the holder after a duplicate-key refusal, and tries again when the lease was freed in between', async () => {
    await leases.acquire({ name: 'okr', owner: 'a', ttlMs: 500, now: 1000 });
    // 'a' releases right after b's upsert met its lease (E11000), before b reads the holder back.
    const findOneAndUpdate = collection.findOneAndUpdate.bind(collection);
    let interleaved = false;
    jest.spyOn(collection, 'findOneAndUpdate').mockImplementation((async (...args: Parameters<typeof findOneAndUpdate>) => {
      try {
        return await findOneAndUpdate(...args);
      } finally {
        if (!interleaved) {
          interleaved = true;
          await leases.release('okr', 'a');
        }
      }
    }) as never);
    expect(await leases.acquire({ name: 'okr', owner: 'b', ttlMs: 500, now: 1100 })).toEqual({
      acquired: true,
      holder: 'b',
      expiresAt: 1600,
    });
    expect(collection.findOneAndUpdate).toHaveBeenCalledTimes(2);
  });

  it('rejects bad requests before touching the database', async () => {
    await expect(leases.acquire({ name: 'bad-name', owner: 'a', ttlMs: 1, now: 0 })).rejects.toThrow(TypeError);
    await expect(leases.acquire({ name: 'ok', owner: 'a', ttlMs: 0, now: 0 })).rejects.toThrow(RangeError);
    await expect(leases.release('ok', '')).rejects.toThrow(TypeError);
    expect(database.calls).toEqual([]);
  });

  it('passes errors other than E11000 on', async () => {
    database.failWith(new Error('lost'));
    await expect(leases.acquire({ name: 'okr', owner: 'a', ttlMs: 500, now: 1000 })).rejects.toThrow('lost');
  });
});
