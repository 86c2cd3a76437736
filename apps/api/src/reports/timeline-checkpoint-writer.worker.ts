// Deep imports: the libraries' indexes load every adapter (the EventStoreDB client alone takes ~0.2 s).
import { SqliteTimelineCheckpointStore } from '@okr/projections/time-series/sqlite-timeline-checkpoint-store';
import { sealTimelineCheckpoint } from '@okr/projections/time-series/timeline-checkpoint';
import { parentPort, workerData } from 'node:worker_threads';
import { TimelineCheckpointWriterData, TimelineCheckpointWriterMessage } from './timeline-checkpoint-writer-protocol';

/**
 * A timeline checkpoint writer thread: seals one checkpoint (its SHA-256) and writes it to the checkpoints' file
 * on its own connection, then exits — the ~0.2 s this takes for a million-event cycle is not spent on the API
 * thread (see TimelineCheckpointWorkerWriter).
 */
const data = workerData as TimelineCheckpointWriterData;
const post = (message: TimelineCheckpointWriterMessage) => parentPort!.postMessage(message);

try {
  const { columns } = data.checkpoint; // a Uint8Array once cloned: SQLite binds Buffers
  const checkpoint = sealTimelineCheckpoint({
    ...data.checkpoint,
    columns: Buffer.from(columns.buffer, columns.byteOffset, columns.byteLength),
  });
  const store = new SqliteTimelineCheckpointStore(data.file);
  try {
    store.save(checkpoint, data.savedAt);
  } finally {
    store.close();
  }
  post({ kind: 'done' });
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
