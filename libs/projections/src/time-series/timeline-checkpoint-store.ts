import { EncodedTimelineCheckpoint } from './timeline-checkpoint';

/** Where timeline checkpoints are kept: one per cycle, the latest saved. */
export interface TimelineCheckpointStore {
  load(tenantId: string, cycleId: string): EncodedTimelineCheckpoint | undefined;
  /** Replaces the cycle's checkpoint (atomically: a crash leaves the old one or the new one). */
  save(checkpoint: EncodedTimelineCheckpoint, savedAt: string): void;
  close(): void;
}
