import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import { testEvent, uniqueStreamId } from '../testing/test-events';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteEventWriter } from './sqlite-event-writer';
import { WorkerChannel } from '@okr/workers';
import { SqliteWriterRequests } from './sqlite-writer-protocol';

// The contract suite runs against a store with its writer thread in sqlite-event-store.spec.ts; these are the
// thread's own behaviours: groups while a commit is in flight, errors across threads, close, a dying thread.
describe('SqliteEventStore with its writer thread', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'okr-writer-thread-'));
  let counter = 0;
  const newFilePath = () => join(tempDir, `store-${++counter}.db`);
  const opened: SqliteEventStore[] = [];
  const open = async (filePath = newFilePath()) => {
    const store = SqliteEventStore.open({ filePath, pollIntervalMs: 10 });
    opened.push(store);
    await store.startWriterThread();
    return store;
  };
  const channelOf = (store: SqliteEventStore) => (store as unknown as { writerThread: WorkerChannel<SqliteWriterRequests> }).writerThread;
  const workerOf = (store: SqliteEventStore) => channelOf(store).thread;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('commits on the thread: the store connection never writes, an acknowledged append is visible to any connection', async () => {
    const filePath = newFilePath();
    const store = await open(filePath);
    const own = (store as unknown as { writer: SqliteEventWriter }).writer;
    const inline = jest.spyOn(own, 'commit');
    const stream = uniqueStreamId();
    const result = await store.appendToStream(stream, [testEvent('A', { n: 1 })], { expectedRevision: 'no_stream' });
    expect(inline).not.toHaveBeenCalled();
    const other = new BetterSqlite3(filePath, { readonly: true });
    try {
      expect(other.prepare('SELECT stream_id, revision, type FROM events WHERE position = ?').get(result.position)).toEqual({
        stream_id: stream,
        revision: 0,
        type: 'A',
      });
    } finally {
      other.close();
    }
    expect(workerOf(store)).toBeDefined();
  });

  it('gathers the appends made while a commit is in flight into the next group, in order', async () => {
    const store = await open();
    const groups: number[] = [];
    const request = jest.spyOn(channelOf(store), 'request');
    const stream = uniqueStreamId();
    const first = store.appendToStream(stream, [testEvent('E', { n: 0 })], { expectedRevision: 'no_stream' });
    // The first group is on the thread once its setImmediate has run; these wait for the next one.
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3, 4].map((n) => store.appendToStream(stream, [testEvent('E', { n })], { expectedRevision: n - 1 }));
    await Promise.all([first, ...rest]);
    for (const [kind, appends] of request.mock.calls) if (kind === 'commit') groups.push(appends!.length);
    expect(groups).toEqual([1, 4]);
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });

  it("gives the store's own error classes across the thread, each append of a group on its own", async () => {
    const store = await open();
    const stream = uniqueStreamId();
    const seed = testEvent('Seed', {});
    await store.appendToStream(stream, [seed]);
    const results = await Promise.allSettled([
      store.appendToStream(stream, [testEvent('Late', {})], { expectedRevision: 'no_stream' }),
      store.appendToStream(uniqueStreamId(), [testEvent('Reuse', {}, { eventId: seed.metadata.eventId }), testEvent('New', {})]),
      store.appendToStream(stream, [testEvent('Next', {})], { expectedRevision: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    const conflict = (results[0] as PromiseRejectedResult).reason;
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Seed', 'Next']);
  });

  it('commits every append accepted before close(), then ends the thread', async () => {
    const filePath = newFilePath();
    const store = SqliteEventStore.open({ filePath });
    await store.startWriterThread();
    const worker = workerOf(store)!;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const stream = uniqueStreamId();
    const pending = [0, 1, 2].map((n) => store.appendToStream(stream, [testEvent('A', { n })]));
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(3);
    await exited;
    const reopened = SqliteEventStore.open({ filePath });
    opened.push(reopened);
    expect(await reopened.readStream(stream)).toHaveLength(3);
  });

  it('a thread that dies fails the group in flight; the next append starts a fresh thread', async () => {
    const filePath = newFilePath();
    const store = SqliteEventStore.open({ filePath, pollIntervalMs: 10, busyTimeoutMs: 60_000 });
    opened.push(store);
    await store.startWriterThread();
    const stream = uniqueStreamId();
    await store.appendToStream(stream, [testEvent('A', {})]);
    const worker = workerOf(store)!;
    // Another connection holds the write lock: B's commit waits in the thread until the thread dies.
    const locker = new BetterSqlite3(filePath);
    locker.exec('BEGIN IMMEDIATE');
    const append = store.appendToStream(stream, [testEvent('B', {})], { expectedRevision: 0 });
    await worker.terminate();
    await expect(append).rejects.toThrow(/writer thread stopped/);
    locker.exec('ROLLBACK');
    locker.close();
    // The outcome of B is unknown to the caller; the stream says what happened, and writing goes on.
    const version = (await store.readStream(stream)).length;
    expect(version).toBe(1);
    await expect(store.appendToStream(stream, [testEvent('C', {})], { expectedRevision: version - 1 })).resolves.toMatchObject({
      nextExpectedRevision: version,
    });
    expect(workerOf(store)).not.toBe(worker);
  });

  it('refuses a writer thread for an in-memory database or a read-only store', async () => {
    const memory = SqliteEventStore.open({ filePath: ':memory:' });
    opened.push(memory);
    await expect(memory.startWriterThread()).rejects.toThrow(/in-memory/);
    const filePath = newFilePath();
    opened.push(SqliteEventStore.open({ filePath }));
    const readonly = SqliteEventStore.open({ filePath, readonly: true });
    opened.push(readonly);
    await expect(readonly.startWriterThread()).rejects.toThrow(/read-only/);
  });
});
