import { join } from 'node:path';

/** Where the embedded stores live inside OKR_DATA_DIR. */
export function embeddedPaths(dataDir: string) {
  return {
    events: join(dataDir, 'okr.db'),
    readModels: join(dataDir, 'read-models.db'),
    /** A cache beside the stores (losing it costs time only): point-in-time snapshots. */
    pointInTimeSnapshots: join(dataDir, 'point-in-time.db'),
  };
}
