import { AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, StoredEvent, Subscription } from '@okr/event-store';
import type { Database } from 'better-sqlite3';

/**
 * The ids of every cycle stream (`cycle-<id>`) in the embedded SQLite log: a range scan of the (stream_id,
 * revision) index, not a read of the log. Cycles are few; the events of these streams are all a cycle list needs.
 */
export function cycleStreamIds(db: Database): string[] {
  return db
    .prepare(`SELECT DISTINCT stream_id FROM events WHERE stream_id >= 'cycle-' AND stream_id < 'cycle.' ORDER BY stream_id`)
    .pluck()
    .all() as string[];
}

/**
 * A read-only view of the log holding only the events of the given streams, in log order: replaying the okr
 * projection over it gives exactly the cycles' documents the full log gives (a cycle document is made from its
 * own stream's events only), in milliseconds instead of a replay of the whole log.
 */
export class SelectedStreamsEventStore implements EventStore {
  private events?: Promise<StoredEvent[]>;

  constructor(
    private readonly inner: EventStore,
    private readonly streamIds: readonly string[],
  ) {}

  private all(): Promise<StoredEvent[]> {
    this.events ??= Promise.all(this.streamIds.map((id) => this.inner.readStream(id))).then((streams) =>
      streams.flat().sort((a, b) => a.position - b.position),
    );
    return this.events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const events = (await this.all()).filter((event) => event.position > after);
    return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.streamIds.includes(streamId) ? this.inner.readStream(streamId, options) : [];
  }

  /** The position of the view's last event (0 when empty): a replay of the view ends there. */
  async headPosition(): Promise<number> {
    const events = await this.all();
    return events.length === 0 ? 0 : events[events.length - 1].position;
  }

  appendToStream(streamId: string): Promise<AppendResult> {
    return Promise.reject(new Error(`A view of selected streams is read-only (refused an append to ${streamId})`));
  }

  subscribeToAll(): Subscription {
    throw new Error('A view of selected streams cannot be subscribed to');
  }

  async close(): Promise<void> {
    // The inner store is not this view's to close.
  }
}
