import { TimelineSegmentChunk, TimelineSegmentRequest } from '@okr/projections';

/** What the timeline segment worker is started with: the embedded event store's file and the segment to read. */
export interface TimelineSegmentWorkerData {
  eventStoreFile: string;
  request: TimelineSegmentRequest;
}

/** Its messages: the chunks in order, then `done` (or `failed`), after which it exits. */
export type TimelineSegmentWorkerMessage =
  { kind: 'chunk'; chunk: TimelineSegmentChunk } | { kind: 'done' } | { kind: 'failed'; message: string };
