import { join } from 'node:path';

/** Where the embedded stores live inside OKR_DATA_DIR. */
export function embeddedPaths(dataDir: string) {
  return {
    events: join(dataDir, 'okr.db'),
    readModels: join(dataDir, 'read-models.db'),
    /** Caches beside the stores (losing them costs time only): point-in-time snapshots, time-series timeline checkpoints. */
    pointInTimeSnapshots: join(dataDir, 'point-in-time.db'),
    timelineCheckpoints: join(dataDir, 'time-series.db'),
  };
}
