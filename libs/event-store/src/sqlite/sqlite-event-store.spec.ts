import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredEvent, WrongExpectedRevisionError } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { testEvent, uniqueStreamId } from '../testing/test-events';
import { waitUntil } from '../testing/wait-until';
import { EVENT_STORE_SCHEMA_COMPONENT } from './event-store-schema';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteEventWriter } from './sqlite-event-writer';
import { currentSchemaVersion, runMigrations } from './sqlite-migrations';

const tempDir = mkdtempSync(join(tmpdir(), 'okr-event-store-'));
let fileCounter = 0;
/** A fresh database file path inside this spec's temp dir. */
const newFilePath = () => join(tempDir, `store-${++fileCounter}.db`);

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

eventStoreContract('SqliteEventStore (file)', () => SqliteEventStore.open({ filePath: newFilePath(), pollIntervalMs: 10 }));
eventStoreContract('SqliteEventStore (file, writer thread)', async () => {
  const store = SqliteEventStore.open({ filePath: newFilePath(), pollIntervalMs: 10 });
  await store.startWriterThread();
  return store;
});
eventStoreContract('SqliteEventStore (:memory:)', () => SqliteEventStore.open({ filePath: ':memory:', pollIntervalMs: 10 }));

describe('SqliteEventStore', () => {
  const opened: SqliteEventStore[] = [];
  const open = (filePath: string, options: { pollIntervalMs?: number; subscriptionPageSize?: number } = {}) => {
    const store = SqliteEventStore.open({ filePath, pollIntervalMs: 10, ...options });
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('commits appends of one event-loop turn together; a refused one rolls back alone', async () => {
    const filePath = newFilePath();
    const store = open(filePath);
    const [a, b, conflict, c] = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    await store.appendToStream(conflict, [testEvent('Seed', {})]);
    const writer = (store as unknown as { writer: SqliteEventWriter }).writer;
    const groups: number[] = [];
    const commit = writer.commit.bind(writer);
    writer.commit = (group) => {
      groups.push(group.length);
      return commit(group);
    };
    const results = await Promise.allSettled([
      store.appendToStream(a, [testEvent('A', { n: 1 })], { expectedRevision: 'no_stream' }),
      store.appendToStream(b, [testEvent('B', { n: 1 }), testEvent('B', { n: 2 })]),
      store.appendToStream(conflict, [testEvent('Late', {})], { expectedRevision: 'no_stream' }),
      store.appendToStream(a, [testEvent('A', { n: 2 })], { expectedRevision: 0 }),
      store.appendToStream(c, [testEvent('C', {})]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((results[3] as PromiseFulfilledResult<{ nextExpectedRevision: number }>).value.nextExpectedRevision).toBe(1);
    expect((await store.readStream(a)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await store.readStream(conflict)).map((e) => e.type)).toEqual(['Seed']);
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
    // All five went through one transaction (one commit, one fsync).
    expect(groups).toEqual([5]);
    // And a second connection (another process) sees them all.
    expect(await open(filePath).readAll()).toHaveLength(6);
  });

  it('commits appends accepted before close', async () => {
    const filePath = newFilePath();
    const store = SqliteEventStore.open({ filePath });
    const stream = uniqueStreamId();
    const pending = store.appendToStream(stream, [testEvent('A', {})]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = open(filePath);
    expect(await reopened.readStream(stream)).toHaveLength(1);
  });

  it('keeps events across close and reopen of the same file', async () => {
    const filePath = newFilePath();
    const first = open(filePath);
    const stream = uniqueStreamId();
    const batch = [testEvent('A', { n: 1 }), testEvent('B', { n: 2 }, { extra: 'kept' })];
    const original = await first.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const before = await first.readAll();
    await first.close();

    const reopened = open(filePath);
    expect(await reopened.readAll()).toEqual(before);
    expect(await reopened.headPosition()).toBe(2);
    // Idempotency and revisions survive the restart too.
    await expect(reopened.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
    await expect(reopened.appendToStream(stream, [testEvent('C', { n: 3 })], { expectedRevision: 1 })).resolves.toEqual({
      nextExpectedRevision: 2,
      position: 3,
    });
  });

  it('creates the parent directory of the database file', async () => {
    const filePath = join(tempDir, 'nested', 'deeper', 'okr.db');
    const store = open(filePath);
    await store.appendToStream(uniqueStreamId(), [testEvent('A', 1)]);
    expect(existsSync(filePath)).toBe(true);
  });

  it('uses WAL, synchronous FULL and a busy timeout', () => {
    const store = SqliteEventStore.open({ filePath: newFilePath(), busyTimeoutMs: 1234 });
    opened.push(store);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.database.pragma('busy_timeout', { simple: true })).toBe(1234);
  });

  it('records its schema version in schema_migrations, once, and lets other stores migrate the same file', () => {
    const filePath = newFilePath();
    const store = open(filePath);
    expect(currentSchemaVersion(store.database, EVENT_STORE_SCHEMA_COMPONENT)).toBe(2);
    const version = runMigrations(store.database, 'idempotency', [
      { version: 1, name: 'create records', up: 'CREATE TABLE idempotency_records (key TEXT PRIMARY KEY) STRICT' },
    ]);
    expect(version).toBe(1);

    const again = open(filePath);
    const rows = again.database.prepare('SELECT component, version, name FROM schema_migrations ORDER BY component').all();
    expect(rows).toEqual([
      { component: 'event-store', version: 1, name: 'create events' },
      { component: 'event-store', version: 2, name: 'schema version column' },
      { component: 'idempotency', version: 1, name: 'create records' },
    ]);
  });

  it('keeps an integer schemaVersion of the metadata in its own column, and fills it for rows written before the column', async () => {
    const odd: unknown[] = [2, 1, undefined, 'v2', 1.5, null, 2 ** 60];
    const metadataOf = (i: number) => (odd[i] === undefined ? { schemaVersion: undefined } : { schemaVersion: odd[i] as number });
    const columnOf = (value: unknown) => (Number.isSafeInteger(value) ? value : null);
    // A file at schema version 1 (before the column), with rows written then.
    const oldFile = newFilePath();
    const old = open(oldFile);
    old.database.exec(`DROP TABLE events; DELETE FROM schema_migrations; DELETE FROM sqlite_sequence`);
    const { EVENT_STORE_MIGRATIONS } = await import('./event-store-schema');
    runMigrations(old.database, EVENT_STORE_SCHEMA_COMPONENT, EVENT_STORE_MIGRATIONS.slice(0, 1));
    const insert = old.database.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, batch_first_revision, batch_size) VALUES ('s', ?, ?, 'A', '1', ?, ?, 1)`,
    );
    odd.forEach((_, i) => insert.run(i, `e-${i}`, JSON.stringify(testEvent('A', 1, metadataOf(i)).metadata), i));
    await old.close();
    const migrated = open(oldFile);
    const fresh = open(newFilePath());
    for (const [i] of odd.entries()) await fresh.appendToStream('s', [testEvent('A', 1, metadataOf(i))]);
    for (const store of [migrated, fresh]) {
      const column = store.database.prepare('SELECT schema_version FROM events ORDER BY position').pluck().all();
      expect(column).toEqual(odd.map(columnOf));
      // The lean read gives what readAll gives, whether it comes from the column or from the metadata.
      const lean = await store.readLean({ after: 0, maxCount: 100 });
      const whole = await store.readAll();
      expect(lean.map((e) => e.schemaVersion)).toEqual(whole.map((e) => e.metadata.schemaVersion));
      expect(lean.map((e) => e.schemaVersion)).toEqual([2, 1, undefined, 'v2', 1.5, null, 2 ** 60]);
    }
  });

  it('refuses to open a file whose schema is newer than the code', async () => {
    const filePath = newFilePath();
    const store = open(filePath);
    store.database
      .prepare(`INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (?, 99, 'future', 'now')`)
      .run(EVENT_STORE_SCHEMA_COMPONENT);
    await store.close();
    expect(() => SqliteEventStore.open({ filePath })).toThrow(/newer than this code knows/);
  });

  it('enforces unique (stream_id, revision) and unique event_id in the table itself', async () => {
    const store = open(newFilePath());
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', 1, { eventId: 'event-1' })]);
    const insert = store.database.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, batch_first_revision, batch_size)
       VALUES (?, ?, ?, 'X', 'null', '{}', 0, 1)`,
    );
    expect(() => insert.run(stream, 0, 'event-2')).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(() => insert.run(uniqueStreamId(), 0, 'event-1')).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(await store.readAll()).toHaveLength(1);
  });

  it('copies tenant, actor, correlation and time into columns for audit queries', async () => {
    const store = open(newFilePath());
    await store.appendToStream(uniqueStreamId(), [
      testEvent('A', 1, { tenantId: 'acme', actorId: 'alice', correlationId: 'c-1', recordedAt: '2025-03-01T10:00:00.000Z' }),
    ]);
    const row = store.database.prepare('SELECT tenant_id, actor_id, correlation_id, recorded_at FROM events').get();
    expect(row).toEqual({ tenant_id: 'acme', actor_id: 'alice', correlation_id: 'c-1', recorded_at: '2025-03-01T10:00:00.000Z' });
  });

  it('catches up across several pages, then goes live', async () => {
    const store = open(newFilePath(), { subscriptionPageSize: 4 });
    const stream = uniqueStreamId();
    await store.appendToStream(
      stream,
      Array.from({ length: 10 }, (_, i) => testEvent('N', i)),
    );
    const seen: StoredEvent[] = [];
    const subscription = store.subscribeToAll((event) => void seen.push(event), { after: 1 });
    await subscription.caughtUp;
    expect(seen.map((event) => event.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.appendToStream(stream, [testEvent('N', 10)]);
    await waitUntil(() => seen.length === 10);
    expect(seen[9].data).toBe(10);
  });

  it('rejects use after close', async () => {
    const store = SqliteEventStore.open({ filePath: ':memory:' });
    await store.close();
    await expect(store.readAll()).rejects.toThrow('closed');
    await expect(store.appendToStream('s', [testEvent('A', 1)])).rejects.toThrow('closed');
    expect(() => store.subscribeToAll(() => undefined)).toThrow('closed');
  });

  describe('two instances on one file (as two processes would)', () => {
    it("a polling subscription sees the other instance's appends, in order", async () => {
      const filePath = newFilePath();
      const writer = open(filePath);
      const reader = open(filePath);
      const stream = uniqueStreamId();
      await writer.appendToStream(stream, [testEvent('Before', 0)]);

      const seen: StoredEvent[] = [];
      const subscription = reader.subscribeToAll((event) => void seen.push(event));
      await subscription.caughtUp;
      expect(seen.map((event) => event.type)).toEqual(['Before']);

      for (let i = 1; i <= 5; i++) await writer.appendToStream(stream, [testEvent('Live', i)], { expectedRevision: i - 1 });
      await waitUntil(() => seen.length === 6, { description: 'reader to poll the writer’s events' });
      expect(seen.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(seen).toEqual(await writer.readAll());
    });

    it('expected revision and idempotency hold across instances', async () => {
      const filePath = newFilePath();
      const one = open(filePath);
      const two = open(filePath);
      const stream = uniqueStreamId();
      const batch = [testEvent('A', 1)];
      const original = await one.appendToStream(stream, batch, { expectedRevision: 'no_stream' });

      await expect(two.appendToStream(stream, [testEvent('B', 2)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(two.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(original);
      await two.appendToStream(stream, [testEvent('B', 2)], { expectedRevision: 0 });
      await expect(one.appendToStream(stream, [testEvent('C', 3)], { expectedRevision: 0 })).rejects.toMatchObject({ actual: 1 });
      expect((await one.readStream(stream)).map((event) => event.type)).toEqual(['A', 'B']);
    });
  });
});
