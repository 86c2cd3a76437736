import { StoredEventLocation } from '../internal/idempotent-retry';

/**
 * The port event ids this store instance appended, with where they went: the most recent appends holding
 * at most `capacity` event ids in all (whole appends are dropped, oldest first, so an append is either
 * fully known or not at all; a partly known append would make an exact retry look like a re-use).
 *
 * EventStoreDB has no index of events by id across streams, so this is how the adapter notices, without a
 * round trip, that an append re-uses an id it wrote itself: in the same stream (exact retry, or a
 * DuplicateEventIdError) or in another stream (DuplicateEventIdError). Ids written by other processes, or
 * dropped from here, are only found in the appended-to stream itself (see the store's append).
 *
 * `position` of every entry is the position of the last event of its append: the only position an
 * idempotent retry returns (the AppendResult of the original append).
 */
export class RecentEventIds {
  private readonly byId = new Map<string, StoredEventLocation>();
  /** The appends remembered, oldest first, with their event ids. */
  private readonly appends: (readonly string[])[] = [];
  private oldest = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`Invalid capacity ${capacity} for recent event ids`);
  }

  /** Number of event ids remembered. */
  get size(): number {
    return this.count;
  }

  get(eventId: string): StoredEventLocation | undefined {
    return this.byId.get(eventId);
  }

  /** Records the events of one successful append: ids in order, written at revisions first..first+n-1. */
  remember(streamId: string, eventIds: readonly string[], firstRevision: number, lastPosition: number): void {
    if (eventIds.length === 0 || eventIds.length > this.capacity) return;
    eventIds.forEach((eventId, i) => {
      this.byId.set(eventId, {
        streamId,
        revision: firstRevision + i,
        position: lastPosition,
        batchFirstRevision: firstRevision,
        batchSize: eventIds.length,
      });
    });
    this.appends.push(eventIds);
    this.count += eventIds.length;
    while (this.count > this.capacity) {
      const dropped = this.appends[this.oldest];
      this.appends[this.oldest] = [];
      this.oldest += 1;
      this.count -= dropped.length;
      for (const eventId of dropped) this.byId.delete(eventId);
    }
    if (this.oldest > 1024 && this.oldest * 2 > this.appends.length) {
      this.appends.splice(0, this.oldest);
      this.oldest = 0;
    }
  }
}
