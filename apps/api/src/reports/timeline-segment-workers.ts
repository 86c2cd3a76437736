import { startWorkerThread } from '@okr/event-store';
import { TimelineSegmentChunk, TimelineSegmentRequest, TimelineSegmentSource } from '@okr/projections';
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
    const worker = startWorkerThread(__dirname, 'timeline-segment.worker', data, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
    const chunks: TimelineSegmentChunk[] = [];
    return new Promise<TimelineSegmentChunk[]>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
      };
      worker.on('message', (message: TimelineSegmentWorkerMessage) => {
        if (message.kind === 'chunk') chunks.push(message.chunk);
        else if (message.kind === 'done') settle(() => resolve(chunks));
        else settle(() => reject(new Error(`The timeline segment worker failed: ${message.message}`)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`The timeline segment worker exited (code ${code}) before the end of its segment`))));
    });
  }
}
