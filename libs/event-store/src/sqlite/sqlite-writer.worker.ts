import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventWriter } from './sqlite-event-writer';
import { SerializedOutcome, SqliteWriterData, SqliteWriterReply, SqliteWriterRequest, serializeError } from './sqlite-writer-protocol';

/**
 * The writer thread of the embedded event store (SqliteWriterThread): its own connection to the store's file,
 * WAL with `synchronous = FULL`, so a commit — and its fsync, and the WAL checkpoints SQLite runs after commits —
 * happens here, beside the API's event loop. A commit is visible to other connections only once it is on disk.
 */
const data = workerData as SqliteWriterData;
const port = parentPort!;
const db = new BetterSqlite3(data.filePath, { fileMustExist: true });
db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const writer = new SqliteEventWriter(db);

port.on('message', (request: SqliteWriterRequest | 'close') => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: SqliteWriterReply;
  try {
    const outcomes: SerializedOutcome[] = writer
      .commit(request.appends)
      .map((outcome) => (outcome.ok ? outcome : { ok: false, error: serializeError(outcome.error) }));
    reply = { id: request.id, outcomes };
  } catch (error) {
    reply = { id: request.id, failure: serializeError(error) };
  }
  port.postMessage(reply);
});

port.postMessage({ ready: true } satisfies SqliteWriterReply);
