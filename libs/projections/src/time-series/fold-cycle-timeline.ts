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
 * time, in log order. Events after `head` are left for a later fold.
 *
 * A store with a lean reader (the embedded SQLite store) gives only the timeline's tenant's events of the types it
 * reads, without their metadata: the same `apply` of the same fields as the port's `readAll` would give, minus
 * events `apply` would skip anyway; the timeline is then advanced over the positions read past. Other stores are
 * read whole through `readAll`.
 */
export async function foldCycleTimeline(store: EventStore, timeline: CycleTimeline, head: number, options: FoldCycleTimelineOptions): Promise<void> {
  const { pageSize, onProgress } = options;
  const lean = leanLogReaderOf(store);
  if (lean) {
    while (timeline.position < head) {
      const page = await lean.readLean({ after: timeline.position, until: head, maxCount: pageSize, tenantId: timeline.tenantId, types: CYCLE_TIMELINE_EVENT_TYPES });
      for (const event of page) timeline.applyFlat(event);
      if (page.length < pageSize) timeline.advanceTo(head); // every matching event up to head was in this page
      onProgress?.(timeline.position, head);
    }
    return;
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
