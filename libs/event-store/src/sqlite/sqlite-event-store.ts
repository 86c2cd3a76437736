import BetterSqlite3, { Database, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  AppendResult,
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
} from '../event-store.port';
import { assertExpectedRevision, validateAppend, validateMaxCount, validateNonNegativeInteger, validatePageSize } from '../internal/append-rules';
import { CatchUpSubscription } from '../internal/catch-up-subscription';
import { detectIdempotentRetry, StoredEventLocation } from '../internal/idempotent-retry';
import { decodeJson, encodeJson } from '../internal/json-codec';
import { LeanEvent, LeanLogReader, LeanLogReadOptions, LeanLogSource } from '../lean-log/lean-log-reader';
import { EVENT_STORE_MIGRATIONS, EVENT_STORE_SCHEMA_COMPONENT } from './event-store-schema';
import { SqliteLeanLogReads } from './sqlite-lean-log-reads';
import { currentSchemaVersion, runMigrations } from './sqlite-migrations';
import { StatementsByLimit } from './statements-by-limit';

export interface SqliteEventStoreOptions {
  /** Database file; its parent directory is created. ':memory:' gives a private in-memory database. */
  filePath: string;
  /** How often idle subscriptions look for appends made by other processes. Default 250 ms. */
  pollIntervalMs?: number;
  /** How long to wait for another connection's write lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Events read per page by subscriptions. Default 1000. */
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

type AppendOutcome = { ok: true; result: AppendResult & { written: boolean } } | { ok: false; error: unknown };

interface EncodedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  tenantId: string | null;
  actorId: string | null;
  correlationId: string | null;
  recordedAt: string | null;
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

  private readonly findByEventId: Statement<[string], StoredEventLocation>;
  private readonly lastOfStream: Statement<[string], { revision: number; position: number }>;
  private readonly insertEvent: Statement<unknown[]>;
  private readonly selectAll: StatementsByLimit<[number]>;
  private readonly selectStream: StatementsByLimit<[string, number]>;
  private readonly selectHead: Statement<[]>;
  private readonly commitGroup: (group: PendingAppend[]) => AppendOutcome[];
  private leanReads?: SqliteLeanLogReads;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  constructor(options: SqliteEventStoreOptions) {
    const { filePath } = options;
    this.pollIntervalMs = validateNonNegativeInteger('pollIntervalMs', options.pollIntervalMs, 250);
    this.pageSize = validatePageSize(options.subscriptionPageSize, 1000);
    const busyTimeoutMs = validateNonNegativeInteger('busyTimeoutMs', options.busyTimeoutMs, 5000);
    const readonly = options.readonly === true;
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

      this.findByEventId = this.db.prepare(
        `SELECT stream_id AS streamId, revision, position, batch_first_revision AS batchFirstRevision, batch_size AS batchSize
         FROM events WHERE event_id = ?`,
      );
      this.lastOfStream = this.db.prepare(`SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`);
      this.insertEvent = this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, tenant_id, actor_id, correlation_id, recorded_at,
                             batch_first_revision, batch_size)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // LIMIT -1 means "no limit" in SQLite.
      this.selectAll = new StatementsByLimit(this.db, `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position`, true);
      this.selectStream = new StatementsByLimit(this.db, `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`, true);
      this.selectHead = this.db.prepare(`SELECT COALESCE(MAX(position), 0) FROM events`).pluck();

      // Group commit: the appends gathered in one event-loop turn share one IMMEDIATE transaction (one fsync);
      // each runs in its own savepoint (a nested better-sqlite3 transaction), so a refused append rolls
      // back alone and the others still commit.
      const one = this.db.transaction((append: PendingAppend) => this.appendInTransaction(append.streamId, append.events, append.expected));
      const group = this.db.transaction((appends: PendingAppend[]): AppendOutcome[] =>
        appends.map((append) => {
          try {
            return { ok: true as const, result: one(append) };
          } catch (error) {
            return { ok: false as const, error };
          }
        }),
      );
      this.commitGroup = (appends) => group.immediate(appends);
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
   * Commits the pending appends together, then settles each caller's promise: an append is acknowledged
   * only after the commit that holds it is on disk.
   */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    if (this.closed) {
      for (const append of group) append.reject(new Error('The event store is closed'));
      return;
    }
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.commitGroup(group);
    } catch (error) {
      // The commit itself failed (disk full, lock timeout…): nothing of the group was written.
      for (const append of group) append.reject(error);
      return;
    }
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
    this.flush(); // appends already accepted are committed (or refused) before closing
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  /** Runs inside the IMMEDIATE transaction: nobody else can write until it returns. */
  private appendInTransaction(streamId: string, events: EncodedEvent[], expected: ExpectedRevision): AppendResult & { written: boolean } {
    const retry = detectIdempotentRetry(streamId, events.map((event) => event.eventId), (eventId) => this.findByEventId.get(eventId));
    if (retry) return { ...retry, written: false };

    const last = this.lastOfStream.get(streamId);
    const actual = last ? last.revision : -1;
    assertExpectedRevision(streamId, expected, actual);
    if (events.length === 0) return { nextExpectedRevision: actual, position: last ? last.position : START_POSITION, written: false };

    const batchFirstRevision = actual + 1;
    let position = 0;
    events.forEach((event, i) => {
      const info = this.insertEvent.run(
        streamId,
        batchFirstRevision + i,
        event.eventId,
        event.type,
        event.data,
        event.metadata,
        event.tenantId,
        event.actorId,
        event.correlationId,
        event.recordedAt,
        batchFirstRevision,
        events.length,
      );
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: batchFirstRevision + events.length - 1, position, written: true };
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
    throw new Error(`The event store schema is at version ${current}, this code reads version ${latest}: open it once read-write (start the API) to migrate it`);
  }
}
