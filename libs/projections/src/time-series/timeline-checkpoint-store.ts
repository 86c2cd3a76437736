import { EncodedTimelineCheckpoint, UnsealedTimelineCheckpoint } from './timeline-checkpoint';

/** Where timeline checkpoints are kept: one per cycle, the latest saved. */
export interface TimelineCheckpointStore {
  load(tenantId: string, cycleId: string): EncodedTimelineCheckpoint | undefined;
  /** Replaces the cycle's checkpoint (atomically: a crash leaves the old one or the new one). */
  save(checkpoint: EncodedTimelineCheckpoint, savedAt: string): void;
  close(): void;
}

/**
 * Seals (checksum) and saves a checkpoint somewhere else than the calling thread (a worker: both take ~0.2 s for a
 * million-event cycle). Without one, TimelineCheckpoints seals and saves in its own thread.
 */
export interface TimelineCheckpointWriter {
  write(checkpoint: UnsealedTimelineCheckpoint, savedAt: string): Promise<void>;
}
