import { crossingError, serve } from '@okr/workers';
import BetterSqlite3 from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import { SqliteEventWriter } from './sqlite-event-writer';
import { SqliteWriterData, SqliteWriterRequests } from './sqlite-writer-protocol';

/**
 * The writer thread of the embedded event store (SqliteEventStore.startWriterThread): its own connection to the
 * store's file, WAL with `synchronous = FULL`, so a commit — and its fsync, and the WAL checkpoints SQLite runs
 * after commits — happens here, beside the API's event loop. A commit is visible to other connections only once
 * it is on disk.
 */
const data = workerData as SqliteWriterData;
const db = new BetterSqlite3(data.filePath, { fileMustExist: true });
db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const writer = new SqliteEventWriter(db);

serve<SqliteWriterRequests>(
  {
    ready: () => undefined,
    commit: (appends) =>
      writer.commit(appends).map((outcome) => (outcome.ok ? outcome : { ok: false as const, error: crossingError(outcome.error) })),
  },
  { onClose: () => db.close() },
);
