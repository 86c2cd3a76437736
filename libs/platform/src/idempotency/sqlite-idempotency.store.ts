import type { Database, Statement } from 'better-sqlite3';
import { IdempotencyRecord, IdempotencyStore } from './idempotency.store';

interface Row {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
}

/**
 * Idempotency records in the SQLite file of the event store. Takes an already-open better-sqlite3 Database
 * (it does not close it) and creates its table `idempotency_records` when missing.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  static readonly TABLE = 'idempotency_records';

  private readonly selectStatement: Statement<[string, string], Row>;
  private readonly insertStatement: Statement<[string, string, string, number, string, string]>;

  constructor(db: Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_records (
        scope        TEXT    NOT NULL,
        key          TEXT    NOT NULL,
        request_hash TEXT    NOT NULL,
        status       INTEGER NOT NULL,
        body         TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID
    `);
    this.selectStatement = db.prepare<[string, string], Row>(
      'SELECT scope, key, request_hash, status, body, created_at FROM idempotency_records WHERE scope = ? AND key = ?',
    );
    // First record wins: a later save under the same (scope, key) leaves the original in place.
    this.insertStatement = db.prepare<[string, string, string, number, string, string]>(
      `INSERT INTO idempotency_records (scope, key, request_hash, status, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING`,
    );
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.selectStatement.get(scope, key);
    if (!row) return undefined;
    return {
      scope: row.scope,
      key: row.key,
      requestHash: row.request_hash,
      status: row.status,
      body: JSON.parse(row.body) as unknown,
      createdAt: row.created_at,
    };
  }

  async save(record: IdempotencyRecord): Promise<void> {
    this.insertStatement.run(
      record.scope,
      record.key,
      record.requestHash,
      record.status,
      JSON.stringify(record.body ?? null),
      record.createdAt,
    );
  }
}
