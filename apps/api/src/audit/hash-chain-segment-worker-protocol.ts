import { HashChainSegmentRequest, SegmentStream } from '@okr/event-store';

/** What the hash-chain segment worker is started with: the embedded event store's file and the segment to verify. */
export interface HashChainSegmentWorkerData {
  eventStoreFile: string;
  request: HashChainSegmentRequest;
}

/** Its messages: progress now and then, then the streams verified (`done`) or `failed`, after which it exits. */
export type HashChainSegmentWorkerMessage =
  | { kind: 'progress'; eventsRead: number; position: number }
  | { kind: 'done'; streams: SegmentStream[] }
  | { kind: 'failed'; message: string };
