import {
  AppendResult,
  EventStore,
  LeanLogReader,
  LeanLogSource,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  leanLogReaderOf,
} from '@okr/event-store';

/**
 * The event store as the CLI may use it: reads pass through, appends and subscriptions are refused before
 * they reach the store (the SQLite file is also opened read-only; this makes the intent explicit for any
 * backend). Closing is left to whoever opened the inner store.
 */
export class ReadOnlyEventStore implements EventStore, LeanLogSource {
  private onPage?: (position: number) => void;

  constructor(private readonly inner: EventStore) {}

  /** Tells `listener` the position of the last event of each page read through `readAll` (progress of long replays); undefined stops. */
  observe(listener: ((position: number) => void) | undefined): void {
    this.onPage = listener;
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    const page = await this.inner.readAll(options);
    if (page.length > 0) this.onPage?.(page[page.length - 1].position);
    return page;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  /** The inner store's lean reads (the embedded store's: time series read only what they need), when it has them. */
  leanLogReader(): LeanLogReader | undefined {
    return leanLogReaderOf(this.inner);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  appendToStream(streamId: string): Promise<AppendResult> {
    return Promise.reject(new Error(`The analyst CLI reads the event store only (refused an append to ${streamId})`));
  }

  subscribeToAll(): Subscription {
    throw new Error('The analyst CLI reads the event store only (it never follows it)');
  }

  async close(): Promise<void> {
    // The inner store is closed by whoever opened it.
  }
}
