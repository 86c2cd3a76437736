// Deep imports: the libraries' indexes load every adapter (the EventStoreDB client alone takes ~0.2 s), and this
// worker starts on the time series' critical path.
import { SqliteEventStore } from '@okr/event-store/sqlite/sqlite-event-store';
import { readTimelineSegment, transferablesOf } from '@okr/projections/time-series/timeline-segment';
import { parentPort, workerData } from 'node:worker_threads';
import { TimelineSegmentWorkerData, TimelineSegmentWorkerMessage } from './timeline-segment-worker-protocol';

/**
 * A timeline segment worker thread: reads one segment of the log for a time series' fold (readTimelineSegment),
 * on its own read-only connection to the embedded event store, posts it chunk by chunk (the check-ins' typed
 * arrays are transferred, not copied), then exits. One worker per long fold (see TimelineSegmentWorkers).
 */
const data = workerData as TimelineSegmentWorkerData;
const port = parentPort!;
const post = (message: TimelineSegmentWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function run(): Promise<void> {
  const store = SqliteEventStore.open({ filePath: data.eventStoreFile, readonly: true });
  try {
    await readTimelineSegment(store.leanLogReader(), data.request, (chunk) => post({ kind: 'chunk', chunk }, transferablesOf(chunk)));
    post({ kind: 'done' });
  } finally {
    await store.close();
  }
}

run().catch((error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
