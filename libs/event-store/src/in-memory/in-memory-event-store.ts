import { BUDGET } from '@okr/budget';
import {
  AppendResult,
  EventHandler,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  START_POSITION,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import {
  assertExpectedRevision,
  validateAppend,
  validateMaxCount,
  validateNonNegativeInteger,
  validatePageSize,
} from '../internal/append-rules';
import { CatchUpSubscription } from '../internal/catch-up-subscription';
import { detectIdempotentRetry, StoredEventLocation } from '../internal/idempotent-retry';
import { decodeJson, encodeJson } from '../internal/json-codec';

export interface InMemoryEventStoreOptions {
  /** Events read per page by subscriptions. Default: the budget's `eventStore.subscriptionPageEvents`. */
  subscriptionPageSize?: number;
}

interface Row extends StoredEventLocation {
  type: string;
  data: string;
  metadata: string;
}

/**
 * Event store held in process memory, for unit tests. Same semantics as the persistent adapters (it passes
 * the same contract suite); events are kept as JSON text, so reads return fresh copies.
 * Positions are 1, 2, 3, … so the event at position p is rows[p - 1].
 */
export class InMemoryEventStore implements EventStore {
  private readonly rows: Row[] = [];
  private readonly streams = new Map<string, Row[]>();
  private readonly byEventId = new Map<string, Row>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pageSize: number;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.pageSize = validatePageSize(options.subscriptionPageSize, BUDGET.eventStore.subscriptionPageEvents);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expectedRevision = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expectedRevision);

    const retry = detectIdempotentRetry(
      streamId,
      events.map((event) => event.metadata.eventId),
      (eventId) => this.byEventId.get(eventId),
    );
    if (retry) return retry;

    const stream = this.streams.get(streamId) ?? [];
    const last = stream[stream.length - 1];
    const actual = last ? last.revision : -1;
    assertExpectedRevision(streamId, expectedRevision, actual);
    if (events.length === 0) return { nextExpectedRevision: actual, position: last ? last.position : START_POSITION };

    // Encode everything first, so that an unserialisable payload fails before anything is written.
    const encoded = events.map((event) => ({
      type: event.type,
      data: encodeJson(event.data),
      metadata: encodeJson(event.metadata),
      eventId: event.metadata.eventId,
    }));
    const batchFirstRevision = actual + 1;
    let row: Row | undefined;
    encoded.forEach((event, i) => {
      row = {
        streamId,
        revision: batchFirstRevision + i,
        position: this.rows.length + 1,
        batchFirstRevision,
        batchSize: events.length,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      };
      this.rows.push(row);
      stream.push(row);
      this.byEventId.set(event.eventId, row);
    });
    this.streams.set(streamId, stream);
    for (const subscription of this.subscriptions) subscription.notify();
    return { nextExpectedRevision: row!.revision, position: row!.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const fromRevision = validateNonNegativeInteger('fromRevision', options.fromRevision, 0);
    const maxCount = validateMaxCount(options.maxCount);
    const stream = this.streams.get(streamId) ?? [];
    const end = maxCount === undefined ? stream.length : fromRevision + maxCount;
    return stream.slice(fromRevision, end).map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = validateNonNegativeInteger('after', options.after, START_POSITION);
    return this.readPage(after, validateMaxCount(options.maxCount));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.rows.length;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(handler, (after, maxCount) => this.readPage(after, maxCount), {
      after: validateNonNegativeInteger('after', options.after, START_POSITION),
      pageSize: this.pageSize,
      onError: options.onError,
      onStopped: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private readPage(after: number, maxCount: number | undefined): StoredEvent[] {
    const start = Math.floor(after);
    const end = maxCount === undefined ? this.rows.length : start + maxCount;
    return this.rows.slice(start, end).map(toStoredEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

function toStoredEvent(row: Row): StoredEvent {
  return {
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: decodeJson(row.data),
    metadata: decodeJson<EventMetadata>(row.metadata),
  };
}
