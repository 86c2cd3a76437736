import { HashChainSegmentRequest, HashChainSegmentSource, SegmentProgress, SegmentStream } from '@okr/event-store';
import { runShortLivedWorker } from '../infrastructure/short-lived-worker';
import { HashChainSegmentWorkerData, HashChainSegmentWorkerMessage } from './hash-chain-segment-worker-protocol';

/** The worker holds a page of events and one small state per stream: its limit only guards against a runaway. */
const WORKER_HEAP_MB = 256;

/**
 * Verifies hash-chain segments in worker threads (hash-chain-segment.worker.ts) on the embedded event store's file:
 * one short-lived worker per verification, so a long one runs on two cores. A worker that fails or dies rejects,
 * and verifyHashChains then verifies the segment itself.
 */
export class HashChainSegmentWorkers implements HashChainSegmentSource {
  constructor(private readonly eventStoreFile: string) {}

  verify(request: HashChainSegmentRequest, onProgress?: SegmentProgress): Promise<SegmentStream[]> {
    const data: HashChainSegmentWorkerData = { eventStoreFile: this.eventStoreFile, request };
    return runShortLivedWorker<HashChainSegmentWorkerMessage, SegmentStream[]>(
      __dirname,
      'hash-chain-segment.worker',
      data,
      { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      'hash-chain segment',
      (message: HashChainSegmentWorkerMessage) => {
        if (message.kind === 'progress') onProgress?.(message.eventsRead, message.position);
        else if (message.kind === 'done') return { done: message.streams };
        else return { failed: message.message };
        return undefined;
      },
    );
  }
}
