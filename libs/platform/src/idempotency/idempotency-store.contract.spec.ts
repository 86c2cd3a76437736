import Database from 'better-sqlite3';
import { InMemoryIdempotencyStore } from './in-memory-idempotency.store';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';
import { idempotencyStoreContract } from './testing/idempotency-store.contract';

idempotencyStoreContract('in-memory', () => ({ store: new InMemoryIdempotencyStore() }));

idempotencyStoreContract('SQLite', () => {
  const db = new Database(':memory:');
  return { store: new SqliteIdempotencyStore(db), close: () => void db.close() };
});
