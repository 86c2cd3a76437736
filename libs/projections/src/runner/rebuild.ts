import { Projection } from '../projection';

// What rebuilds go by. rebuildProjection and ensureProjectionVersion run a ProjectionRunner, which runs the version
// check itself: they live in projection-runner.ts (no import cycle).

export interface RebuildProgress {
  position: number;
  head: number;
  events: number;
  eventsPerSecond: number;
  etaSeconds: number;
}

export const REBUILD_SUFFIX = '__rebuild';

/** The checkpoint that records which version of a projection built the stored read models. */
export function versionCheckpointName(projection: Projection): string {
  return `${projection.name}__version`;
}

/**
 * A rebuild is the only writer of its fresh collections: it keeps documents in memory and stores them when
 * this many are waiting (and at the end), so a document changed by thousands of events is written a few
 * times, not once per batch. About 1 KB each: ~250 MB at the bound.
 */
export const REBUILD_RETAIN = { maxDocuments: 250_000 };

/**
 * Events per batch of a rebuild: a batch ends with one `settle` (the rollups of every objective its events
 * reached), so fewer, larger batches settle less. A batch holds no events in memory (they are read in pages),
 * only what the projection retains anyway.
 */
export const REBUILD_BATCH_SIZE = 100_000;
