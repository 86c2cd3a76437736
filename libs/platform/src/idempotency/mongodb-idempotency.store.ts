import type { Collection, Db } from 'mongodb';
import { IdempotencyRecord, IdempotencyStore } from './idempotency.store';

interface IdempotencyDocument {
  /** `${scope}\u0000${key}`: the unique key, so the first insert wins across every API replica. */
  _id: string;
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  /** The response body as JSON text: replayed byte for byte, whatever keys it holds. */
  body: string;
  createdAt: string;
}

const DUPLICATE_KEY = 11000;

/**
 * Idempotency records in MongoDB, in the collection `idempotency_records` of the read-model database, so
 * every API replica sees the others' records (with EVENT_STORE=eventstoredb there is no shared SQLite file
 * to keep them in). Takes an open Db (it does not close it).
 */
export class MongoIdempotencyStore implements IdempotencyStore {
  static readonly COLLECTION = 'idempotency_records';

  private readonly records: Collection<IdempotencyDocument>;

  constructor(db: Db) {
    this.records = db.collection<IdempotencyDocument>(MongoIdempotencyStore.COLLECTION);
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const doc = await this.records.findOne({ _id: MongoIdempotencyStore.id(scope, key) });
    if (!doc) return undefined;
    return {
      scope: doc.scope,
      key: doc.key,
      requestHash: doc.requestHash,
      status: doc.status,
      body: JSON.parse(doc.body) as unknown,
      createdAt: doc.createdAt,
    };
  }

  async save(record: IdempotencyRecord): Promise<void> {
    try {
      await this.records.insertOne({
        _id: MongoIdempotencyStore.id(record.scope, record.key),
        scope: record.scope,
        key: record.key,
        requestHash: record.requestHash,
        status: record.status,
        body: JSON.stringify(record.body ?? null),
        createdAt: record.createdAt,
      });
    } catch (error) {
      // First record wins: another request (maybe on another replica) saved this scope and key already.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }

  private static id(scope: string, key: string): string {
    return `${scope}\u0000${key}`;
  }
}
