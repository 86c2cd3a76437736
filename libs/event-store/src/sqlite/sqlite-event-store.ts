import { BUDGET } from '@okr/budget';
import BetterSqlite3, { Database, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WorkerChannel } from '@okr/workers';
import {
  AppendResult,
  DuplicateEventIdError,
  EventHandler,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  START_POSITION,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { validateAppend, validateMaxCount, validateNonNegativeInteger, validatePageSize } from '../internal/append-rules';
import { CatchUpSubscription } from '../internal/catch-up-subscription';
import { decodeJson, encodeJson } from '../internal/json-codec';
import { LeanEvent, LeanLogReader, LeanLogReadOptions, LeanLogSource } from '../lean-log/lean-log-reader';
import { EVENT_STORE_MIGRATIONS, EVENT_STORE_SCHEMA_COMPONENT } from './event-store-schema';
import { SqliteLeanLogReads } from './sqlite-lean-log-reads';
import { currentSchemaVersion, runMigrations } from './sqlite-migrations';
import { AppendOutcome, EncodedEvent, SqliteEventWriter } from './sqlite-event-writer';
import { SqliteWriterRequests } from './sqlite-writer-protocol';
import { StatementsByLimit } from './statements-by-limit';

export interface SqliteEventStoreOptions {
  /** Database file; its parent directory is created. ':memory:' gives a private in-memory database. */
  filePath: string;
  /** How often idle subscriptions look for appends made by other processes. Default 250 ms. */
  pollIntervalMs?: number;
  /** How long to wait for another connection's write lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Events read per page by subscriptions. Default: the budget's `eventStore.subscriptionPageEvents`. */
  subscriptionPageSize?: number;
  /**
   * Open an existing file read-only (for tools reading next to a running API): nothing is created or migrated
   * (the schema must be current), and appends fail. Default false.
   */
  readonly?: boolean;
}

/** Columns selected by every read, in this order (rows are read with `.raw()`). */
type EventRow = [position: number, streamId: string, revision: number, type: string, data: string, metadata: string];
const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata';

/** An append waiting for the next group commit. */
interface PendingAppend {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Event store embedded in a SQLite file (better-sqlite3), for a single-node deployment.
 *
 * Durability: WAL journal with `synchronous = FULL`, so an append whose promise resolved is on disk and
 * survives a kill -9 (or a power cut). Appends made in the same event-loop turn are committed together
 * (group commit: one transaction and one fsync, each append in its own savepoint), and each promise
 * settles only after that commit. Several processes may open the same file: writes are serialised by
 * SQLite's lock (each append is one IMMEDIATE transaction; a writer waits up to `busyTimeoutMs`), readers
 * are never blocked. Subscriptions are woken at once by appends made through this instance and poll every
 * `pollIntervalMs` for appends made by other connections.
 *
 * better-sqlite3 is synchronous: the promise-returning methods do their work before returning.
 * Other embedded stores may put their tables in the same file through `database` (and `runMigrations`).
 */
export class SqliteEventStore implements EventStore, LeanLogReader, LeanLogSource {
  private readonly db: Database;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  private readonly busyTimeoutMs: number;
  /** The write path on this connection (on a read-only one, SQLite refuses its writes: SQLITE_READONLY). */
  private readonly writer: SqliteEventWriter;
  private readonly readonly: boolean;
  /**
   * The write path on a thread of its own (sqlite-writer.worker.ts), once startWriterThread() was called. If the
   * thread dies, the group in flight fails (its appends may or may not be stored: retried with the same event ids,
   * they are recognised as idempotent retries) and the next group starts a fresh thread.
   */
  private writerThread?: WorkerChannel<SqliteWriterRequests>;
  /** A group commit in flight on the writer thread (the next group gathers meanwhile). */
  private committing?: Promise<void>;
  /** close() is committing the appends accepted before it. */
  private closing = false;
  private readonly selectAll: StatementsByLimit<[number]>;
  private readonly selectStream: StatementsByLimit<[string, number]>;
  private readonly selectHead: Statement<[]>;
  private leanReads?: SqliteLeanLogReads;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  constructor(options: SqliteEventStoreOptions) {
    const { filePath } = options;
    this.pollIntervalMs = validateNonNegativeInteger('pollIntervalMs', options.pollIntervalMs, 250);
    this.pageSize = validatePageSize(options.subscriptionPageSize, BUDGET.eventStore.subscriptionPageEvents);
    const busyTimeoutMs = validateNonNegativeInteger('busyTimeoutMs', options.busyTimeoutMs, 5000);
    this.busyTimeoutMs = busyTimeoutMs;
    const readonly = options.readonly === true;
    this.readonly = readonly;
    if (!readonly && filePath !== ':memory:' && filePath !== '' && !filePath.startsWith('file:')) {
      mkdirSync(dirname(resolve(filePath)), { recursive: true });
    }

    this.db = new BetterSqlite3(filePath, readonly ? { readonly: true, fileMustExist: true } : {});
    try {
      // busy_timeout first: switching to WAL needs the lock if another process has the file open.
      this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      if (readonly) assertSchemaCurrent(this.db);
      else {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = FULL');
        runMigrations(this.db, EVENT_STORE_SCHEMA_COMPONENT, EVENT_STORE_MIGRATIONS);
      }

      this.writer = new SqliteEventWriter(this.db);
      // LIMIT -1 means "no limit" in SQLite.
      this.selectAll = new StatementsByLimit(this.db, `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position`, true);
      this.selectStream = new StatementsByLimit(
        this.db,
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
        true,
      );
      this.selectHead = this.db.prepare(`SELECT COALESCE(MAX(position), 0) FROM events`).pluck();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** The underlying connection, for other embedded stores sharing this file. Do not close it directly. */
  get database(): Database {
    return this.db;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expectedRevision = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expectedRevision);
    // Serialise outside the write lock; an unserialisable payload fails before anything is written.
    const encoded = events.map(encodeEvent);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events: encoded, expected: expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Moves the group commits to a thread of their own (its own connection, same durability): the commit and its
   * fsync then no longer block this thread's event loop, and the next group gathers while one is on disk. For a
   * server answering many writers (the API); call it after any work that wraps appends in an outer transaction of
   * `database` (the demo seeder), which the thread's connection could not join. Resolves once the thread is ready.
   */
  async startWriterThread(): Promise<void> {
    this.assertOpen();
    if (this.readonly) throw new Error('SqliteEventStore: a read-only store has no writer thread');
    const name = this.db.name;
    if (name === ':memory:' || name === '' || this.db.memory)
      throw new Error('SqliteEventStore: an in-memory database cannot be shared with a writer thread');
    this.writerThread ??= new WorkerChannel({
      dir: __dirname,
      entry: 'sqlite-writer.worker',
      name: 'event store writer thread',
      workerData: { filePath: name, busyTimeoutMs: this.busyTimeoutMs },
      errors: [WrongExpectedRevisionError, DuplicateEventIdError],
    });
    await this.writerThread.request('ready');
  }

  /**
   * Commits the pending appends together, then settles each caller's promise: an append is acknowledged
   * only after the commit that holds it is on disk. With the writer thread, one group is in flight at a time and
   * the appends arriving meanwhile form the next one.
   */
  private flush(): void {
    this.flushScheduled = false;
    if (this.committing) return; // the commit in flight flushes again when it is done
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    if (this.closed && !this.closing) {
      for (const append of group) append.reject(new Error('The event store is closed'));
      return;
    }
    const requests = group.map(({ streamId, events, expected }) => ({ streamId, events, expected }));
    if (!this.writerThread) {
      let outcomes: AppendOutcome[];
      try {
        outcomes = this.writer.commit(requests);
      } catch (error) {
        // The commit itself failed (disk full, lock timeout…): nothing of the group was written.
        for (const append of group) append.reject(error);
        return;
      }
      this.settle(group, outcomes);
      return;
    }
    const thread = this.writerThread;
    this.committing = thread.request('commit', requests).then(
      (outcomes) =>
        this.settle(
          group,
          outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: thread.rebuildError(outcome.error) })),
        ),
      (error: unknown) => {
        for (const append of group) append.reject(error);
      },
    );
    void this.committing.finally(() => {
      this.committing = undefined;
      if (this.pending.length > 0) this.flush();
    });
  }

  private settle(group: PendingAppend[], outcomes: AppendOutcome[]): void {
    let written = false;
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        const { written: wrote, ...result } = outcome.result;
        written = written || wrote;
        append.resolve(result);
      } else append.reject(outcome.error);
    });
    if (written) for (const subscription of this.subscriptions) subscription.notify();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const fromRevision = validateNonNegativeInteger('fromRevision', options.fromRevision, 0);
    const maxCount = validateMaxCount(options.maxCount) ?? -1;
    return (this.selectStream.all(maxCount, streamId, fromRevision) as EventRow[]).map(decodeRow);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = validateNonNegativeInteger('after', options.after, START_POSITION);
    return this.readPage(after, validateMaxCount(options.maxCount) ?? -1);
  }

  /** The log read lean (LeanLogReader): the metadata is never decoded. */
  async readLean(options: LeanLogReadOptions): Promise<LeanEvent[]> {
    this.assertOpen();
    this.leanReads ??= new SqliteLeanLogReads(this.db);
    return this.leanReads.read(options);
  }

  leanLogReader(): LeanLogReader {
    return this;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return Number(this.selectHead.get());
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(handler, (after, maxCount) => this.readPage(after, maxCount), {
      after: validateNonNegativeInteger('after', options.after, START_POSITION),
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      onError: options.onError,
      onStopped: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops the subscriptions (waiting for running handlers), then closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted are committed (or refused) before closing.
    this.closing = true;
    this.flush();
    while (this.committing) {
      await this.committing;
      await Promise.resolve(); // let the finally that starts the next group run
      if (!this.committing && this.pending.length > 0) this.flush();
    }
    this.closing = false;
    await this.writerThread?.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private readPage(after: number, maxCount: number): StoredEvent[] {
    return (this.selectAll.all(maxCount, after) as EventRow[]).map(decodeRow);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

function encodeEvent(event: EventToAppend): EncodedEvent {
  const { metadata } = event;
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    eventId: metadata.eventId,
    type: event.type,
    data: encodeJson(event.data),
    metadata: encodeJson(metadata),
    tenantId: text(metadata.tenantId),
    actorId: text(metadata.actorId),
    correlationId: text(metadata.correlationId),
    recordedAt: text(metadata.recordedAt),
    schemaVersion: Number.isSafeInteger(metadata.schemaVersion) ? (metadata.schemaVersion as number) : null,
  };
}

function decodeRow(row: EventRow): StoredEvent {
  return {
    streamId: row[1],
    revision: row[2],
    position: row[0],
    type: row[3],
    data: decodeJson(row[4]),
    metadata: decodeJson<EventMetadata>(row[5]),
  };
}

/** A read-only connection cannot migrate: the file must already hold the schema this code writes. */
function assertSchemaCurrent(db: Database): void {
  const current = currentSchemaVersion(db, EVENT_STORE_SCHEMA_COMPONENT);
  const latest = EVENT_STORE_MIGRATIONS[EVENT_STORE_MIGRATIONS.length - 1].version;
  if (current !== latest) {
    throw new Error(
      `The event store schema is at version ${current}, this code reads version ${latest}: open it once read-write (start the API) to migrate it`,
    );
  }
}
