import { EventStore, leanLogReaderOf } from '@okr/event-store';
import { CYCLE_TIMELINE_EVENT_TYPES, CycleTimeline } from './cycle-timeline';

export interface FoldCycleTimelineOptions {
  /** Events read per page: the most the fold holds at once besides the timeline's own compact state. */
  pageSize: number;
  /** Called after each page (for progress bars): position reached, head. */
  onProgress?: (position: number, head: number) => void;
}

/**
 * Brings the timeline from its position up to `head` (the log's head when the question was asked), a page at a
 * time, in log order, yielding to the event loop between pages (a long fold does not hold up other requests).
 * Events after `head` are left for a later fold.
 *
 * A store with a lean reader (the embedded SQLite store) gives only the timeline's tenant's events of the types it
 * reads, without their metadata: the same `apply` of the same fields as the port's `readAll` would give, minus
 * events `apply` would skip anyway; the timeline is then advanced over the positions read past. Other stores are
 * read whole through `readAll`.
 */
export async function foldCycleTimeline(
  store: EventStore,
  timeline: CycleTimeline,
  head: number,
  { pageSize, onProgress }: FoldCycleTimelineOptions,
): Promise<void> {
  const lean = leanLogReaderOf(store);
  while (timeline.position < head) {
    if (lean) {
      const page = await lean.readLean({
        after: timeline.position,
        until: head,
        maxCount: pageSize,
        tenantId: timeline.tenantId,
        types: CYCLE_TIMELINE_EVENT_TYPES,
      });
      for (const event of page) timeline.applyFlat(event);
      if (page.length < pageSize) timeline.advanceTo(head); // every matching event up to the head was in this page
    } else {
      const page = await store.readAll({ after: timeline.position, maxCount: pageSize });
      for (const event of page) if (event.position <= head) timeline.apply(event);
      // Every event up to the head has been read (the log may hold more: left for a later fold).
      if (page.length < pageSize || page[page.length - 1].position >= head) timeline.advanceTo(head);
    }
    onProgress?.(timeline.position, head);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
