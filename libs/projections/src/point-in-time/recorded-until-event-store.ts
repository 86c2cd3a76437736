import { EventStore, ReadAllOptions, StoredEvent } from '@okr/event-store';

/**
 * The log as a replay to an instant reads it: `readAll` returns the events in log order up to
 * the last one recorded at or before the instant (and at or below the position), and nothing after it.
 *
 * "Recorded up to T" is read as a prefix of the log: recordedAt is stamped from the clock just before the
 * append commits, so it grows with the position up to the clock's resolution; the first event recorded after
 * T ends the view (an event of a concurrent command that took its time before T but committed after an event
 * recorded after T is left out with it — the live answer at T could not have shown it either once it was
 * behind such an event in the log).
 */
export class RecordedUntilEventStore {
  private ended = false;
  /** Also end after this global position (may be raised between reads: checkpointed states at fixed positions). */
  positionAtMost: number | undefined;

  constructor(
    private readonly inner: EventStore,
    /** Epoch milliseconds: events whose `metadata.recordedAt` is later are not returned (nor anything after them). */
    readonly recordedAtOrBefore: number,
  ) {
    if (!Number.isFinite(recordedAtOrBefore)) throw new RangeError('recordedAtOrBefore must be a finite epoch time in milliseconds');
  }

  /** True once the view met an event recorded after the instant: the replay reached the instant itself. */
  get reachedInstant(): boolean {
    return this.ended;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    if (this.ended) return [];
    const cap = this.positionAtMost;
    if (cap !== undefined && (options.after ?? 0) >= cap) return [];
    const events = await this.inner.readAll(options);
    const out: StoredEvent[] = [];
    for (const event of events) {
      if (cap !== undefined && event.position > cap) break;
      if (Date.parse(event.metadata.recordedAt) > this.recordedAtOrBefore) {
        this.ended = true;
        break;
      }
      out.push(event);
    }
    return out;
  }
}
