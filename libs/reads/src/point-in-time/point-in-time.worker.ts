import 'reflect-metadata';
import { SqliteEventStore } from '@okr/event-store';
import { SqliteSnapshotStore } from '@okr/projections';
import { serve } from '@okr/workers';
import { workerData } from 'node:worker_threads';
import { PointInTimeEngine, unreadableSnapshotMessage } from './point-in-time-engine';
import { PointInTimeWorkerData, PointInTimeWorkerRequests } from './point-in-time-worker-protocol';

/**
 * The point-in-time worker thread: replays and answers asOf questions and cycle diffs on its own heap (its limit is the
 * API's POINT_IN_TIME_HEAP_MB), with its own connection to the embedded event store, so that a replay of a large
 * organisation neither needs a larger API heap nor blocks the API's event loop. While idle it builds the
 * snapshots up to the head (persisted), so that questions start close to their instant.
 */
const data = workerData as PointInTimeWorkerData;
const events = SqliteEventStore.open({ filePath: data.eventStoreFile });
const snapshotStore = data.snapshotFile ? new SqliteSnapshotStore(data.snapshotFile) : undefined;
const engine = new PointInTimeEngine(events, {
  snapshotStore,
  snapshotEvery: data.snapshotEvery,
  onUnreadableSnapshot: (position, error) => process.stderr.write(`[PointInTime worker] ${unreadableSnapshotMessage(position, error)}\n`),
});

/** Questions received and not answered yet (the snapshot build gives way while there are any). */
let waiting = 0;
let queue: Promise<unknown> = Promise.resolve();
let building: Promise<void> | undefined;
let aheadDone = !data.buildAhead;

/** Questions are answered one at a time, in the order they came: one replay in the heap at once. */
function inTurn<T>(answer: () => Promise<T>): Promise<T> {
  waiting++;
  // A snapshot build in progress gives way within one step (a question waits): wait for it, so one replay holds the heap.
  const turn = queue.then(() => building).then(answer);
  queue = turn
    .catch(() => undefined)
    .then(() => {
      if (--waiting === 0) buildAheadWhenIdle(1_000);
    });
  return turn;
}

/** Builds snapshots ahead while no question is waiting (stops at the first question, resumes when idle again). */
function buildAheadWhenIdle(delayMs: number): void {
  if (aheadDone || building) return;
  const timer = setTimeout(() => {
    if (waiting > 0 || building) return;
    building = engine
      .buildSnapshotsAhead(() => waiting > 0)
      .then(() => {
        if (waiting === 0) aheadDone = true;
      })
      .catch(() => {
        aheadDone = true; // a cache: a failure here only costs speed, and the questions report their own errors
      })
      .finally(() => {
        building = undefined;
        if (!aheadDone) buildAheadWhenIdle(1_000);
      });
  }, delayMs);
  timer.unref();
}

serve<PointInTimeWorkerRequests>({
  objective: ({ tenantId, objectiveId, instant }) => inTurn(() => engine.objective(tenantId, objectiveId, instant)),
  cycleDiff: ({ tenantId, cycleId, from, to }) => inTurn(() => engine.cycleDiff(tenantId, cycleId, from, to)),
  alignment: ({ tenantId, cycleId, instant, gzip }, transfer) =>
    inTurn(async () => {
      const { chunks, length, encoding } = await engine.alignment(tenantId, cycleId, instant, gzip);
      // Copies of the chunks (the cached tree keeps its own), transferred to the API thread.
      const copies = chunks.map((chunk) => new Uint8Array(chunk));
      transfer.push(...copies.map((copy) => copy.buffer));
      return { chunks: copies, length, encoding };
    }),
});

buildAheadWhenIdle(2_000);
