import { Database, Statement } from 'better-sqlite3';
import { AppendResult, ExpectedRevision, START_POSITION } from '../event-store.port';
import { assertExpectedRevision } from '../internal/append-rules';
import { detectIdempotentRetry, StoredEventLocation } from '../internal/idempotent-retry';

/** An event serialised for its row (outside the write lock). */
export interface EncodedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  tenantId: string | null;
  actorId: string | null;
  correlationId: string | null;
  recordedAt: string | null;
  /** `metadata.schemaVersion` when it is a (safe) integer, else null. */
  schemaVersion: number | null;
}

/** One append of a group commit. */
export interface AppendRequest {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
}

/** What became of one append of a group: its result (`written`: false for an empty append or an idempotent retry), or its error. */
export type AppendOutcome = { ok: true; result: AppendResult & { written: boolean } } | { ok: false; error: unknown };

/**
 * The write path of the SQLite event store: one group commit is ONE IMMEDIATE transaction (one fsync with
 * `synchronous = FULL`) in which each append runs in its own savepoint (a nested better-sqlite3 transaction), so a
 * refused append rolls back alone and the others still commit. Used on the store's own connection, or on the
 * writer thread's (sqlite-writer.worker.ts) — the same code either way.
 */
export class SqliteEventWriter {
  private readonly findByEventId: Statement<[string], StoredEventLocation>;
  private readonly lastOfStream: Statement<[string], { revision: number; position: number }>;
  private readonly insertEvent: Statement<unknown[]>;
  private readonly group: (appends: AppendRequest[]) => AppendOutcome[];

  constructor(db: Database) {
    this.findByEventId = db.prepare(
      `SELECT stream_id AS streamId, revision, position, batch_first_revision AS batchFirstRevision, batch_size AS batchSize
       FROM events WHERE event_id = ?`,
    );
    this.lastOfStream = db.prepare(`SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`);
    this.insertEvent = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, tenant_id, actor_id, correlation_id, recorded_at,
                           schema_version, batch_first_revision, batch_size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const one = db.transaction((append: AppendRequest) => this.appendInTransaction(append.streamId, append.events, append.expected));
    const group = db.transaction((appends: AppendRequest[]): AppendOutcome[] =>
      appends.map((append) => {
        try {
          return { ok: true as const, result: one(append) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    );
    this.group = (appends) => group.immediate(appends);
  }

  /** Commits the appends together; throws when the commit itself failed (then nothing of the group was written). */
  commit(appends: AppendRequest[]): AppendOutcome[] {
    return this.group(appends);
  }

  /** Runs inside the IMMEDIATE transaction: nobody else can write until it returns. */
  private appendInTransaction(streamId: string, events: EncodedEvent[], expected: ExpectedRevision): AppendResult & { written: boolean } {
    const retry = detectIdempotentRetry(
      streamId,
      events.map((event) => event.eventId),
      (eventId) => this.findByEventId.get(eventId),
    );
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
        event.schemaVersion,
        batchFirstRevision,
        events.length,
      );
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: batchFirstRevision + events.length - 1, position, written: true };
  }
}
