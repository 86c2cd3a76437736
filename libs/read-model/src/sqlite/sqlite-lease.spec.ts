import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentSchemaVersion, runMigrations } from '@okr/event-store';
import { READ_MODEL_MIGRATIONS, READ_MODEL_SCHEMA_COMPONENT } from './read-model-schema';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/** Lease behaviour specific to SQLite: several connections (processes) on one file, and the migration. */
describe('SqliteReadModelStore leases', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'okr-lease-'));
  let fileCounter = 0;
  const newFilePath = () => join(tempDir, `read-models-${++fileCounter}.db`);
  const opened: { close(): unknown }[] = [];
  function open(filePath: string, busyTimeoutMs?: number): SqliteReadModelStore {
    const store = SqliteReadModelStore.open({ filePath, busyTimeoutMs });
    opened.push(store);
    return store;
  }

  afterEach(async () => {
    for (const handle of opened.splice(0).reverse()) await handle.close();
  });
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('two stores on one file see one lease: refused while it runs, taken over at expiry, free at once when released', async () => {
    const filePath = newFilePath();
    const first = open(filePath);
    const second = open(filePath);

    expect(await first.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 3000, now: 10_000 })).toEqual({
      acquired: true,
      holder: 'replica-1',
      expiresAt: 13_000,
    });
    expect(await second.acquireLease({ name: 'projector', owner: 'replica-2', ttlMs: 3000, now: 12_999 })).toEqual({
      acquired: false,
      holder: 'replica-1',
      expiresAt: 13_000,
    });
    // replica-1 stalls past its TTL: replica-2 takes over, and replica-1's late renewal learns it lost the lease.
    expect(await second.acquireLease({ name: 'projector', owner: 'replica-2', ttlMs: 3000, now: 13_000 })).toEqual({
      acquired: true,
      holder: 'replica-2',
      expiresAt: 16_000,
    });
    expect(await first.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 3000, now: 13_500 })).toEqual({
      acquired: false,
      holder: 'replica-2',
      expiresAt: 16_000,
    });

    await first.releaseLease('projector', 'replica-1');
    expect(await first.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 3000, now: 14_000 })).toEqual({
      acquired: false,
      holder: 'replica-2',
      expiresAt: 16_000,
    });
    await second.releaseLease('projector', 'replica-2');
    expect(await first.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 3000, now: 14_000 })).toEqual({
      acquired: true,
      holder: 'replica-1',
      expiresAt: 17_000,
    });
  });

  it('decides under the write lock: while another connection holds it, acquiring waits (then fails busy) instead of reading a stale holder', async () => {
    const filePath = newFilePath();
    const store = open(filePath, 50);
    await store.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 1000, now: 1000 });

    // Another process in the middle of its own acquire: it holds the write lock and has taken the expired lease.
    const other = new BetterSqlite3(filePath);
    opened.push(other);
    other.prepare('BEGIN IMMEDIATE').run();
    other.prepare(`UPDATE leases SET owner = 'replica-2', expires_at = 5000 WHERE name = 'projector'`).run();

    await expect(store.acquireLease({ name: 'projector', owner: 'replica-3', ttlMs: 1000, now: 2500 })).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    other.prepare('COMMIT').run();
    expect(await store.acquireLease({ name: 'projector', owner: 'replica-3', ttlMs: 1000, now: 2500 })).toEqual({
      acquired: false,
      holder: 'replica-2',
      expiresAt: 5000,
    });
    expect(store.database.inTransaction).toBe(false);
  });

  it('adds the leases table to a database created before it (schema version 1), keeping its data', async () => {
    const filePath = newFilePath();
    const legacy = new BetterSqlite3(filePath);
    runMigrations(legacy, READ_MODEL_SCHEMA_COMPONENT, READ_MODEL_MIGRATIONS.slice(0, 1));
    legacy.prepare('INSERT INTO rm_checkpoints (projection, position) VALUES (?, ?)').run('okr', 42);
    legacy.close();

    const store = open(filePath);
    expect(currentSchemaVersion(store.database, READ_MODEL_SCHEMA_COMPONENT)).toBe(2);
    expect(await store.checkpoint('okr')).toBe(42);
    expect(await store.acquireLease({ name: 'projector', owner: 'replica-1', ttlMs: 1000, now: 1000 })).toEqual({
      acquired: true,
      holder: 'replica-1',
      expiresAt: 2000,
    });
  });
});
