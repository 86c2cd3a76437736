import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyRecord } from './idempotency.store';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  scope: 't1:u1',
  key: 'key-1',
  requestHash: 'a'.repeat(64),
  status: 201,
  body: { id: 'o-1', nested: { n: 1.5, list: [1, 'two', null] } },
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('SqliteIdempotencyStore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-idem-'));
    file = join(dir, 'okr.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its table with PRIMARY KEY(scope, key) in a shared database, leaving other tables alone', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT)');
    db.prepare('INSERT INTO events (data) VALUES (?)').run('{}');
    new SqliteIdempotencyStore(db);
    new SqliteIdempotencyStore(db); // idempotent
    const columns = db.prepare("SELECT name, pk FROM pragma_table_info('idempotency_records') ORDER BY cid").all();
    expect(columns).toEqual([
      { name: 'scope', pk: 1 },
      { name: 'key', pk: 2 },
      { name: 'request_hash', pk: 0 },
      { name: 'status', pk: 0 },
      { name: 'body', pk: 0 },
      { name: 'created_at', pk: 0 },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    db.close();
  });

  it('saves and finds records by scope and key, JSON bodies round-tripped', async () => {
    const db = new Database(':memory:');
    const store = new SqliteIdempotencyStore(db);
    expect(await store.find('t1:u1', 'key-1')).toBeUndefined();
    await store.save(record());
    await store.save(record({ key: 'no-body', body: undefined, status: 204 }));
    expect(await store.find('t1:u1', 'key-1')).toEqual(record());
    expect(await store.find('t1:u1', 'no-body')).toEqual(record({ key: 'no-body', body: null, status: 204 }));
    expect(await store.find('t2:u1', 'key-1')).toBeUndefined();
    db.close();
  });

  it('keeps the first record saved under a scope and key', async () => {
    const db = new Database(':memory:');
    const store = new SqliteIdempotencyStore(db);
    await store.save(record());
    await store.save(record({ requestHash: 'b'.repeat(64), status: 200 }));
    expect(await store.find('t1:u1', 'key-1')).toEqual(record());
    db.close();
  });

  it('persists records across closing and reopening the file', async () => {
    const first = new Database(file);
    await new SqliteIdempotencyStore(first).save(record());
    first.close();

    const second = new Database(file);
    const reopened = new SqliteIdempotencyStore(second);
    expect(await reopened.find('t1:u1', 'key-1')).toEqual(record());
    second.close();
  });
});
