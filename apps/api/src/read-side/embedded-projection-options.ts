import { ProjectionRunnerOptions, okrProjection } from '@okr/projections';

/**
 * Documents the embedded runner keeps in memory between batches (the hot objectives and key results): reads
 * skip the store, and catching up from far behind stores each document every 15,000 changes rather than every
 * batch. Bounded for the memory of the API process.
 */
const EMBEDDED_RETAIN = { maxDocuments: 15_000 };
/**
 * Under a stream of check-ins, batches of ~20 ms of commits: an objective and its ancestors shared by several of
 * them are settled and stored once. Reads asking for their own writes (X-Min-Position) end the wait.
 */
const EMBEDDED_FOLLOW_DELAY_MS = 20;
/** Events per batch of an in-place rebuild (a projection version change), within the capped heap. */
const EMBEDDED_REBUILD_BATCH_SIZE = 10_000;

/** What the embedded runner reports (to the API's logger, from this thread or the projection worker). */
export interface EmbeddedProjectionEvents {
  onRebuild: (storedVersion: number) => void;
  onError: (error: unknown) => void;
  onStored?: (position: number) => void;
}

/** Where the runner runs: on the API thread, or in its worker thread (which has a core of its own to spend). */
export interface EmbeddedProjectionPlace {
  /** Following live, the wait after a batch that reached the head (see ProjectionRunnerOptions.followDelayMs). */
  followDelayMs: number;
  /** Find new events by polling the head (the worker: its store is written by another connection). */
  pollHeadMs?: number;
}

export const ON_API_THREAD: EmbeddedProjectionPlace = { followDelayMs: EMBEDDED_FOLLOW_DELAY_MS };
/**
 * In the worker: longer batches (the objective and its ancestors shared by many check-ins are stored once per
 * batch; nobody waits on the worker but readers asking for a position, who end the delay), the head polled every 5 ms.
 */
export const IN_WORKER: EmbeddedProjectionPlace = { followDelayMs: 50, pollHeadMs: 5 };

/**
 * The options of the embedded `okr` runner (the API's own, in process or in its projection worker): the only
 * writer of its read models, so it retains documents and rebuilds them in place on a projection version change.
 */
export function embeddedProjectionOptions(events: EmbeddedProjectionEvents, place: EmbeddedProjectionPlace): ProjectionRunnerOptions {
  return {
    batchSize: 1000,
    followDelayMs: place.followDelayMs,
    ...(place.pollHeadMs !== undefined ? { pollHeadMs: place.pollHeadMs } : {}),
    retain: EMBEDDED_RETAIN,
    ensureVersion: { onRebuild: events.onRebuild, rebuildBatchSize: EMBEDDED_REBUILD_BATCH_SIZE },
    onError: events.onError,
    ...(events.onStored ? { onStored: events.onStored } : {}),
  };
}

export function rebuildWarning(storedVersion: number): string {
  return `Read models were built by version ${storedVersion} of projection '${okrProjection.name}'; rebuilding them for version ${okrProjection.version}`;
}

export function projectionFailure(error: unknown): string {
  return `Projection '${okrProjection.name}' failed; retrying: ${error instanceof Error ? error.stack : String(error)}`;
}
