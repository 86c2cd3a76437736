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
