import { EventStore } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { Projection } from '../projection';
import { ProjectionRunner, RetainOptions } from './projection-runner';

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
export const REBUILD_RETAIN: RetainOptions = { maxDocuments: 250_000 };

/**
 * Events per batch of a rebuild: a batch ends with one `settle` (the rollups of every objective its events
 * reached), so fewer, larger batches settle less. A batch holds no events in memory (they are read in pages),
 * only what the projection retains anyway.
 */
export const REBUILD_BATCH_SIZE = 100_000;

/**
 * Rebuilds a projection from zero into fresh collections, then swaps them in and moves the live
 * checkpoint to where the rebuild ended. Run it while no live runner of this projection writes
 * (the live runner re-reads the checkpoint each batch and continues from the swapped state).
 */
export async function rebuildProjection(
  events: EventStore,
  readModels: ReadModelStore,
  projection: Projection,
  options: { batchSize?: number; retain?: RetainOptions; onProgress?: (progress: RebuildProgress) => void; now?: () => number } = {},
): Promise<{ position: number; events: number; seconds: number }> {
  const now = options.now ?? (() => performance.now());
  const runner = new ProjectionRunner(events, readModels, projection, {
    batchSize: options.batchSize ?? REBUILD_BATCH_SIZE,
    suffix: REBUILD_SUFFIX,
    retain: options.retain ?? REBUILD_RETAIN,
  });
  for (const spec of projection.collections) await readModels.dropCollection(runner.physicalName(spec.name));
  await readModels.resetCheckpoint(runner.checkpointName);
  const started = now();
  const head = await events.headPosition();
  let done = 0;
  let previous = 0;
  await runner.catchUp({
    until: head,
    onBatch: (position) => {
      done += position - previous; // positions are dense in the embedded store; an estimate elsewhere
      previous = position;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      options.onProgress?.({ position, head, events: done, eventsPerSecond: rate, etaSeconds: rate > 0 ? (head - position) / rate : 0 });
    },
  });
  // Anything appended while rebuilding.
  await runner.catchUp();
  for (const spec of projection.collections) await readModels.renameCollection(runner.physicalName(spec.name), spec.name);
  // What earlier versions wrote and this one does not (declared collections are never retired).
  const declared = new Set(projection.collections.map((spec) => spec.name));
  for (const name of projection.retiredCollections ?? []) if (!declared.has(name)) await readModels.dropCollection(name);
  await readModels.resetCheckpoint(projection.name);
  await readModels.apply({ ops: [], checkpoint: { projection: projection.name, position: runner.position } });
  await readModels.resetCheckpoint(runner.checkpointName);
  // The swapped-in documents are this version's.
  await readModels.resetCheckpoint(versionCheckpointName(projection));
  await readModels.apply({ ops: [], checkpoint: { projection: versionCheckpointName(projection), position: projection.version } });
  return { position: runner.position, events: done, seconds: (now() - started) / 1000 };
}
