import { TimelineCheckpointWriter, UnsealedTimelineCheckpoint } from '@okr/projections';
import { runShortLivedWorker } from '../infrastructure/short-lived-worker';
import { TimelineCheckpointWriterData, TimelineCheckpointWriterMessage } from './timeline-checkpoint-writer-protocol';

/** The writer holds one checkpoint (tens of MB at a million events, mostly outside the heap). */
const WORKER_HEAP_MB = 96;

/**
 * Seals and writes timeline checkpoints in a short-lived worker thread (timeline-checkpoint-writer.worker.ts), so
 * that the API thread only encodes the timeline's state (~50 ms for a million-event cycle). A failure rejects: the
 * checkpoint is not saved, which costs the next restart a fold from the start, nothing else.
 */
export class TimelineCheckpointWorkerWriter implements TimelineCheckpointWriter {
  constructor(private readonly file: string) {}

  write(checkpoint: UnsealedTimelineCheckpoint, savedAt: string): Promise<void> {
    const data: TimelineCheckpointWriterData = { file: this.file, checkpoint, savedAt };
    return runShortLivedWorker<TimelineCheckpointWriterMessage, void>(
      __dirname,
      'timeline-checkpoint-writer.worker',
      data,
      { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      'timeline checkpoint writer',
      (message) => (message.kind === 'done' ? { done: undefined } : { failed: message.message }),
    );
  }
}
