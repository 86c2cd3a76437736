import { TimelineSegmentChunk, TimelineSegmentRequest, TimelineSegmentSource } from '@okr/projections';
import { runShortLivedWorker } from '../infrastructure/short-lived-worker';
import { TimelineSegmentWorkerData, TimelineSegmentWorkerMessage } from './timeline-segment-worker-protocol';

/**
 * The worker reads a page of lean events at a time and keeps one chunk of compact columns: a small heap. Its
 * limit only guards the process against a runaway read.
 */
const WORKER_HEAP_MB = 96;

/**
 * Reads timeline segments in worker threads (timeline-segment.worker.ts) on the embedded event store's file: one
 * short-lived worker per segment, so a long time-series fold runs on two cores and nothing stays resident between
 * folds. A worker that fails or dies rejects the read, and the fold reads the segment itself.
 */
export class TimelineSegmentWorkers implements TimelineSegmentSource {
  constructor(private readonly eventStoreFile: string) {}

  read(request: TimelineSegmentRequest): Promise<TimelineSegmentChunk[]> {
    const data: TimelineSegmentWorkerData = { eventStoreFile: this.eventStoreFile, request };
    const chunks: TimelineSegmentChunk[] = [];
    return runShortLivedWorker<TimelineSegmentWorkerMessage, TimelineSegmentChunk[]>(
      __dirname,
      'timeline-segment.worker',
      data,
      { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      'timeline segment',
      (message: TimelineSegmentWorkerMessage) => {
        if (message.kind === 'chunk') chunks.push(message.chunk);
        else if (message.kind === 'done') return { done: chunks };
        else return { failed: message.message };
        return undefined;
      },
    );
  }
}
