import { EventStore, LeanLogReader, leanLogReaderOf } from '@okr/event-store';
import { CYCLE_TIMELINE_EVENT_TYPES, CycleTimeline } from './cycle-timeline';
import { SegmentKeyResults, TimelineSegmentChunk, TimelineSegmentSource, applyTimelineSegmentChunk } from './timeline-segment';

export interface FoldCycleTimelineOptions {
  /** Events read per page: the most the fold holds at once besides the timeline's own compact state. */
  pageSize: number;
  /** Called after each page (for progress bars): position reached, head. */
  onProgress?: (position: number, head: number) => void;
  /**
   * Reads the later part of a long fold in another thread meanwhile (lean reads only): see `parallel`.
   * Without it, the fold runs in this thread alone.
   */
  segments?: TimelineSegmentSource;
  /** When `segments` is given: from how many positions to read on (default 200,000), and the share read elsewhere (default 0.45: that thread starts later and reads the denser end of the log). */
  parallel?: { from?: number; share?: number };
  /** Called when the segment read elsewhere failed (the fold then reads that part itself: the same timeline, later). */
  onSegmentFailure?: (error: unknown) => void;
}

const PARALLEL_FROM = 200_000;
const PARALLEL_SHARE = 0.45;

/**
 * Brings the timeline from its position up to `head` (the log's head when the question was asked), a page at a
 * time, in log order. Events after `head` are left for a later fold.
 *
 * A store with a lean reader (the embedded SQLite store) gives only the timeline's tenant's events of the types it
 * reads, without their metadata: the same `apply` of the same fields as the port's `readAll` would give, minus
 * events `apply` would skip anyway; the timeline is then advanced over the positions read past. Other stores are
 * read whole through `readAll`.
 *
 * With `segments` and a long way to go, the fold is split in two: this thread folds the first part while another
 * reads the rest (the timeline's `TimelineSegmentSource`), whose chunks are then applied here in log order
 * (`applyTimelineSegmentChunk`): the same timeline as a fold in one thread, in about half the time on two cores.
 */
export async function foldCycleTimeline(
  store: EventStore,
  timeline: CycleTimeline,
  head: number,
  options: FoldCycleTimelineOptions,
): Promise<void> {
  const { pageSize, onProgress } = options;
  const lean = leanLogReaderOf(store);
  if (lean) {
    const remaining = head - timeline.position;
    const segments = options.segments;
    if (segments && remaining >= (options.parallel?.from ?? PARALLEL_FROM)) {
      const middle = timeline.position + Math.floor(remaining * (1 - (options.parallel?.share ?? PARALLEL_SHARE)));
      const segment = segments.read({ tenantId: timeline.tenantId, after: middle, until: head, pageSize }).catch((error: unknown) => {
        options.onSegmentFailure?.(error);
        return undefined;
      });
      await foldLean(lean, timeline, middle, head, options);
      const chunks: TimelineSegmentChunk[] | undefined = await segment;
      if (chunks) {
        const keyResults = new SegmentKeyResults();
        for (const chunk of chunks) applyTimelineSegmentChunk(timeline, chunk, keyResults);
        timeline.advanceTo(head);
        onProgress?.(timeline.position, head);
      }
    }
    return foldLean(lean, timeline, head, head, options); // what is left (everything past the middle if the segment failed)
  }
  let reading = true;
  while (reading && timeline.position < head) {
    const page = await store.readAll({ after: timeline.position, maxCount: pageSize });
    reading = page.length > 0;
    for (const event of page) {
      if (event.position > head) {
        reading = false;
        break;
      }
      timeline.apply(event);
    }
    onProgress?.(timeline.position, head);
  }
}

/** The lean fold up to `until`, yielding to the event loop between pages (a long fold does not hold up other requests). */
async function foldLean(
  lean: LeanLogReader,
  timeline: CycleTimeline,
  until: number,
  head: number,
  options: FoldCycleTimelineOptions,
): Promise<void> {
  const { pageSize, onProgress } = options;
  while (timeline.position < until) {
    const page = await lean.readLean({
      after: timeline.position,
      until,
      maxCount: pageSize,
      tenantId: timeline.tenantId,
      types: CYCLE_TIMELINE_EVENT_TYPES,
    });
    for (const event of page) timeline.applyFlat(event);
    if (page.length < pageSize) timeline.advanceTo(until); // every matching event up to `until` was in this page
    onProgress?.(timeline.position, head);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
