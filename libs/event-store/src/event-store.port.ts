/**
 * The event-store port. Every adapter (in-memory, embedded SQLite, EventStoreDB) implements it and passes
 * the shared contract suite in ./testing/event-store.contract.ts.
 *
 * Revisions are per stream and start at 0. Positions are global, strictly increasing, and start at 1;
 * START_POSITION (0) means "before everything".
 */

/** Metadata carried by every event. recordedAt is an ISO-8601 timestamp supplied by the caller (the clock). */
export interface EventMetadata {
  eventId: string;
  tenantId: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  commandId: string;
  recordedAt: string;
  schemaVersion: number;
  /** Adapters must round-trip any extra keys unchanged. */
  [key: string]: unknown;
}

export interface EventToAppend<Data = unknown> {
  type: string;
  data: Data;
  metadata: EventMetadata;
}

export interface StoredEvent<Data = unknown> extends EventToAppend<Data> {
  streamId: string;
  /** 0-based index of the event inside its stream. */
  revision: number;
  /** Global position, strictly increasing across the whole store, >= 1. */
  position: number;
}

/**
 * 'any': no check. 'no_stream': the stream must not exist. A number: the revision of the stream's last event
 * (-1 means "no stream", like 'no_stream': it is what an empty append to a missing stream returns).
 */
export type ExpectedRevision = 'any' | 'no_stream' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append (pass it as expectedRevision next time). */
  nextExpectedRevision: number;
  /** Global position of the last event written (or of the original write, for an idempotent retry). */
  position: number;
}

export const START_POSITION = 0;

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An append re-used event ids that already exist, but not as an exact retry of one earlier append. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} already exists in the store`);
    this.name = 'DuplicateEventIdError';
  }
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events with position strictly greater than this. Default START_POSITION. */
  after?: number;
  maxCount?: number;
}

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves once the subscription has stopped and no handler call is running. */
  stop(): Promise<void>;
  /**
   * Resolves when the subscription has caught up with the events that existed when it started (they have all
   * been handled). Rejects with the error if the handler fails before that; resolves if stop() comes first.
   */
  readonly caughtUp: Promise<void>;
}

export interface SubscribeOptions {
  /** Deliver events with position strictly greater than this. Default START_POSITION. */
  after?: number;
  /**
   * Called when the handler throws (or rejects), or reading fails; the subscription stops after reporting.
   * The failed event counts as not delivered. Without onError the failure is logged to the console.
   */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends events atomically. Throws WrongExpectedRevisionError on a revision mismatch.
   * Idempotent retry: when the events' ids are exactly those of an earlier append to the same stream
   * (same ids, same order), nothing is written and the original result is returned, whatever the
   * expected revision. Re-using some ids in any other way throws DuplicateEventIdError.
   * An append with no events writes nothing and returns the current state of the stream (its last revision,
   * -1 when missing; the position of its last event, START_POSITION when missing), after checking the
   * expected revision like any append.
   * Data and metadata must be JSON-serialisable; reads return their JSON round-trip, never the caller's objects.
   */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Events of all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /** Position of the last event in the store (START_POSITION when empty). */
  headPosition(): Promise<number>;

  /**
   * Catch-up subscription to all events: delivers stored events after `after`, then new ones as they are
   * appended (by this process or, for persistent stores, by another process), one at a time, in order,
   * each event once. The handler is never called before subscribeToAll() returns; a handler must not
   * await its own subscription's stop() (stop() waits for the handler).
   */
  subscribeToAll(handler: EventHandler, options?: SubscribeOptions): Subscription;

  /** Stops every subscription (waiting for running handlers) and releases resources. Idempotent. */
  close(): Promise<void>;
}
