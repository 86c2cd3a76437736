import { EventStore } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { Projection } from '../projection';
import type { RetainOptions } from './projection-runner';
import { RebuildProgress, rebuildProjection, versionCheckpointName } from './rebuild';

/**
 * Makes sure the stored read models were built by this version of the projection: when they were built by
 * another one (documents of another shape), rebuilds them from zero and swaps them in. Read models that do
 * not exist yet are simply stamped. Returns whether it rebuilt. Call it where the projection's single
 * writer starts (the embedded API, the projector holding its lease).
 */
export async function ensureProjectionVersion(
  events: EventStore,
  readModels: ReadModelStore,
  projection: Projection,
  options: {
    onRebuild?: (storedVersion: number) => void;
    onProgress?: (progress: RebuildProgress) => void;
    /** Memory of the rebuild (default: the rebuild CLI's, sized for a process of its own): see rebuildProjection. */
    rebuild?: { batchSize?: number; retain?: RetainOptions };
  } = {},
): Promise<boolean> {
  const marker = versionCheckpointName(projection);
  const stored = await readModels.checkpoint(marker);
  if (stored === projection.version) return false;
  // Before versions were recorded (stored 0), an existing checkpoint means documents of version 1.
  const built = stored === 0 && (await readModels.checkpoint(projection.name)) > 0 ? 1 : stored;
  if (built !== 0 && built !== projection.version) {
    options.onRebuild?.(built);
    // It stamps the version when it swaps the documents in.
    await rebuildProjection(events, readModels, projection, { ...options.rebuild, onProgress: options.onProgress });
    return true;
  }
  await readModels.resetCheckpoint(marker);
  await readModels.apply({ ops: [], checkpoint: { projection: marker, position: projection.version } });
  return false;
}
