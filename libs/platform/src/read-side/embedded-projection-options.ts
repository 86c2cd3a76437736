import { BUDGET } from '@okr/budget';
import { ProjectionRunnerOptions, okrProjection } from '@okr/projections';

/**
 * Under a stream of check-ins, batches of ~20 ms of commits: an objective and its ancestors shared by several of
 * them are settled and stored once. Reads asking for their own writes (X-Min-Position) end the wait.
 */
const EMBEDDED_FOLLOW_DELAY_MS = 20;

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
    followDelayMs: place.followDelayMs,
    ...(place.pollHeadMs !== undefined ? { pollHeadMs: place.pollHeadMs } : {}),
    retain: { maxDocuments: BUDGET.projectionWorker.retainedDocuments },
    ensureVersion: { onRebuild: events.onRebuild, rebuildBatchSize: BUDGET.projectionWorker.rebuildBatchEvents },
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
