import { Collection } from 'mongodb';
import { backfillFields, missingFieldsFilter } from './mongo-backfill';
import { StoredDocument } from './mongo-update-documents';
import { FakeMongoCollection, FakeMongoDatabase } from './testing/fake-mongo-database';

describe('missingFieldsFilter', () => {
  it('selects live documents lacking any of the fields, after the last id seen', () => {
    expect(missingFieldsFilter(['a', 'b'], null)).toEqual({
      live: true,
      $or: [{ 'fields.a': { $exists: false } }, { 'fields.b': { $exists: false } }],
    });
    expect(missingFieldsFilter(['a'], 'k')).toEqual({ live: true, _id: { $gt: 'k' }, $or: [{ 'fields.a': { $exists: false } }] });
  });
});

describe('backfillFields', () => {
  let database: FakeMongoDatabase;
  let collection: Collection<StoredDocument>;
  beforeEach(async () => {
    database = new FakeMongoDatabase();
    collection = database.asDb().collection<StoredDocument>('rm_items');
    await collection.bulkWrite([
      {
        replaceOne: {
          filter: { _id: 'a', version: { $lt: 1 } },
          replacement: { version: 1, live: true, fields: {}, doc: { id: 'a', version: 1, b: 'x', c: true } },
          upsert: true,
        },
      },
      {
        replaceOne: {
          filter: { _id: 'b', version: { $lt: 2 } },
          replacement: { version: 2, live: true, fields: {}, json: '{"id":"b","version":2,"$b":1,"c":{"n":1}}' },
          upsert: true,
        },
      },
      { replaceOne: { filter: { _id: 'c', version: { $lt: 3 } }, replacement: { version: 3, live: false }, upsert: true } },
    ]);
  });

  it('sets the values read from the bodies (both forms), and leaves tombstones alone', async () => {
    expect(await backfillFields(collection, ['b', 'c'])).toBe(2);
    expect(database.documentsOf('rm_items').map((stored) => [stored._id, stored.fields])).toEqual([
      ['a', { b: 'x', c: 1 }],
      ['b', { b: null, c: '{"n":1}' }],
      ['c', undefined],
    ]);
    expect(await backfillFields(collection, ['b', 'c'])).toBe(0);
  });

  it('leaves a document alone that a newer write replaced after it was read', async () => {
    const bulkWrite = FakeMongoCollection.prototype.bulkWrite;
    jest.spyOn(FakeMongoCollection.prototype, 'bulkWrite').mockImplementationOnce(async function (this: FakeMongoCollection, models) {
      await this.replaceOne(
        { _id: 'a' },
        { version: 5, live: true, fields: { b: 'newer', c: 0 }, doc: { id: 'a', version: 5, b: 'newer', c: false } },
      );
      return bulkWrite.call(this, models);
    });
    await backfillFields(collection, ['b', 'c']);
    expect(database.documentsOf('rm_items')[0]).toMatchObject({ _id: 'a', version: 5, fields: { b: 'newer', c: 0 } });
  });
});
