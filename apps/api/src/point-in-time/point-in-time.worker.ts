import 'reflect-metadata';
import { SqliteEventStore } from '@okr/event-store';
import { SqliteSnapshotStore } from '@okr/projections';
import { parentPort, workerData } from 'node:worker_threads';
import { WorkerAnswer, serveQuestions } from './worker-questions';
import { PointInTimeEngine, unreadableSnapshotMessage } from './point-in-time-engine';
import { PointInTimeWorkerData } from './point-in-time-worker-protocol';

/**
 * The point-in-time worker thread: replays and answers asOf questions and cycle diffs on its own heap (its limit is the
 * API's POINT_IN_TIME_HEAP_MB), with its own connection to the embedded event store, so that a replay of a large
 * organisation neither needs a larger API heap nor blocks the API's event loop. While idle it builds the
 * snapshots up to the head (persisted), so that questions start close to their instant.
 */
const data = workerData as PointInTimeWorkerData;
const port = parentPort!;
const events = SqliteEventStore.open({ filePath: data.eventStoreFile });
const snapshotStore = data.snapshotFile ? new SqliteSnapshotStore(data.snapshotFile) : undefined;
const engine = new PointInTimeEngine(events, {
  snapshotStore,
  snapshotEvery: data.snapshotEvery,
  onUnreadableSnapshot: (position, error) => process.stderr.write(`[PointInTime worker] ${unreadableSnapshotMessage(position, error)}\n`),
});

let building: Promise<void> | undefined;
let aheadDone = !data.buildAhead;

/** Builds snapshots ahead while no request is waiting (stops at the first request, resumes when idle again). */
function buildAheadWhenIdle(delayMs: number): void {
  if (aheadDone || building) return;
  const timer = setTimeout(() => {
    if (questions.waiting() > 0 || building) return;
    building = engine
      .buildSnapshotsAhead(() => questions.waiting() > 0)
      .then(() => {
        if (questions.waiting() === 0) aheadDone = true;
      })
      .catch(() => {
        aheadDone = true; // a cache: a failure here only costs speed, and the requests report their own errors
      })
      .finally(() => {
        building = undefined;
        if (!aheadDone) buildAheadWhenIdle(1_000);
      });
  }, delayMs);
  timer.unref?.();
}

// Questions are answered one at a time: one replay in the heap at once.
const questions = serveQuestions(
  port,
  async (request): Promise<WorkerAnswer> => {
    // A snapshot build in progress gives way within one step (a question waits): wait for it, so one replay holds the heap.
    if (building) await building;
    if (request.kind === 'objective')
      return { reply: { ok: true, value: await engine.objective(request.tenantId, request.objectiveId, request.instant) } };
    if (request.kind === 'cycleDiff')
      return { reply: { ok: true, value: await engine.cycleDiff(request.tenantId, request.cycleId, request.from, request.to) } };
    const answer = await engine.alignment(request.tenantId, request.cycleId, request.instant, request.gzip);
    // Copies of the chunks (the cached tree keeps its own), transferred to the API thread.
    const chunks = answer.chunks.map((chunk) => new Uint8Array(chunk));
    return {
      reply: { ok: true, alignment: { chunks, length: answer.length, encoding: answer.encoding } },
      transfer: chunks.map((c) => c.buffer as ArrayBuffer),
    };
  },
  () => buildAheadWhenIdle(1_000),
);

buildAheadWhenIdle(2_000);
