// Deep imports: the libraries' indexes load every adapter (the EventStoreDB client alone takes ~0.2 s).
import { verifyHashChainSegment } from '@okr/event-store/hash-chain/hash-chain-segment';
import { SqliteEventStore } from '@okr/event-store/sqlite/sqlite-event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { HashChainSegmentWorkerData, HashChainSegmentWorkerMessage } from './hash-chain-segment-worker-protocol';

/**
 * A hash-chain segment worker thread: verifies one segment of the log (verifyHashChainSegment) on its own
 * read-only connection to the embedded event store, posts the streams' results, then exits. One worker per long
 * verification (see HashChainSegmentWorkers).
 */
const data = workerData as HashChainSegmentWorkerData;
const port = parentPort!;
const post = (message: HashChainSegmentWorkerMessage) => port.postMessage(message);

async function run(): Promise<void> {
  const store = SqliteEventStore.open({ filePath: data.eventStoreFile, readonly: true });
  try {
    let lastProgress = 0;
    const streams = await verifyHashChainSegment(store, data.request, (eventsRead, position) => {
      if (Date.now() - lastProgress < 200) return;
      lastProgress = Date.now();
      post({ kind: 'progress', eventsRead, position });
    });
    post({ kind: 'done', streams });
  } finally {
    await store.close();
  }
}

run().catch((error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
