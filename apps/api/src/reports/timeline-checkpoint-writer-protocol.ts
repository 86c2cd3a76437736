import { UnsealedTimelineCheckpoint } from '@okr/projections';

/** What the timeline checkpoint writer worker is started with: the checkpoints' file and the checkpoint to write. */
export interface TimelineCheckpointWriterData {
  file: string;
  checkpoint: UnsealedTimelineCheckpoint;
  savedAt: string;
}

/** Its one message, after which it exits. */
export type TimelineCheckpointWriterMessage = { kind: 'done' } | { kind: 'failed'; message: string };
