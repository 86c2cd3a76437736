import { BUDGET } from '@okr/budget';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendResult as ClientAppendResult,
  EventData,
  Position,
  ReadPosition,
  ResolvedEvent,
  StreamingRead,
} from '@eventstore/db-client';
import {
  AppendResult,
  DuplicateEventIdError,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  START_POSITION,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { assertExpectedRevision, validateAppend, validateMaxCount, validateNonNegativeInteger } from '../internal/append-rules';
import { detectIdempotentRetry } from '../internal/idempotent-retry';
import { applicationStreamsFilter, isApplicationEvent, isSystemEventType } from './all-filter';
import { appendEventIds } from './append-event-ids';
import { EventStoreDbOptions, EventStoreDbSettings, MAX_PING_TIMEOUT_MS, resolveSettings, scrubCredentials } from './connection-settings';
import {
  describeError,
  isStreamDeleted,
  isStreamNotFound,
  isTransientError,
  isWrongExpectedVersion,
  StreamTombstonedError,
  translateOperationError,
} from './error-translation';
import { EventStoreDbClient } from './eventstoredb-client';
import { EventStoreDbSubscription, ReconnectBackoff, SubscriptionSource } from './eventstoredb-subscription';
import { toEventData, toStoredEvent } from './event-encoding';
import { MISSING_POSITION, readPositionAfter, samePosition, toPortPosition } from './position-mapping';
import { RecentEventIds } from './recent-event-ids';
import { fromCurrentRevision, toAppendExpectedRevision, toReadRevision, toRevision } from './revision-mapping';
import { StreamNaming } from './stream-naming';

export type { EventStoreDbOptions } from './connection-settings';

/** Tuning knobs; the defaults suit production. */
export interface EventStoreDbTuning {
  /** Event ids of this instance's recent appends kept for duplicate detection without a round trip. Default: the budget's. */
  recentEventIds?: number;
  /** Subscriptions' wait before resubscribing after a connection drop (doubling up to the max). Default 100 ms to 5000 ms. */
  reconnectBackoff?: ReconnectBackoff;
  /** Events per read of `$all`. Default: the budget's `eventStore.eventStoreDbReadPageEvents`. */
  readPageSize?: number;
}

export interface PingResult {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Attempts of an append with expectedRevision 'any' when other writers keep getting in between (see appendAny). */
const MAX_ANY_ATTEMPTS = 10;
const DEFAULT_BACKOFF: ReconnectBackoff = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** An event of a stream with EventStoreDB's id of it (which tells which append wrote it, see append-event-ids.ts). */
interface StoredRecord {
  event: StoredEvent;
  eventStoreDbId: string;
}

/** What a read of one stream found: the application's events, and the revision and position of the last event of any type. */
interface StreamRead {
  records: StoredRecord[];
  /** -1 when the stream does not exist. */
  lastRevision: number;
  /** START_POSITION when the stream does not exist. */
  lastPosition: number;
}

/**
 * The event-store port on EventStoreDB (gRPC, @eventstore/db-client 6). Decisions and their reasons:
 * docs/decisions/0007-eventstoredb-adapter.md. In short:
 *
 * - Streams: the port's `objective-<uuid>` is EventStoreDB's `<prefix>.objective-<uuid>` (stream-naming.ts).
 * - Positions: the port's position is the event's prepare position (= its commit position for everything
 *   appended over gRPC); the exact {commit, prepare} is attached to every event read
 *   (eventStoreDbPositionOf). Conversions to JS numbers are exact or throw (position-mapping.ts).
 * - Revisions and expected revisions: revision-mapping.ts; WrongExpectedVersionError becomes the port's
 *   WrongExpectedRevisionError (error-translation.ts).
 * - Idempotency: see appendToStream below and append-event-ids.ts.
 * - Reads of `$all` (readAll, headPosition) are filtered on the client (client 6 has no server-side filter
 *   for reads); subscriptions are filtered on the server (all-filter.ts) and reconnect after a drop
 *   (eventstoredb-subscription.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly naming: StreamNaming;
  private readonly recent: RecentEventIds;
  private readonly backoff: ReconnectBackoff;
  private readonly readPageSize: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly subscriptionSource: SubscriptionSource;
  private closed = false;

  /** Connects and verifies that the server answers; fails fast with an Error naming the server (without credentials) when it does not. */
  static async connect(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    const settings = resolveSettings(options);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(settings.connectionString);
    } catch (error) {
      // Not chained as `cause`: the client's parse error holds the whole connection string.
      const reason = scrubCredentials(describeError(error), settings.connectionString);
      // eslint-disable-next-line preserve-caught-error -- the cause would carry the credentials this message scrubs
      throw new Error(`Invalid EventStoreDB connection string ${settings.server}: ${reason}`);
    }
    return EventStoreDbEventStore.open(client, options);
  }

  /**
   * A store on a client built elsewhere (tests use an in-memory fake). Verifies that the server answers
   * within connectTimeoutMs; when it does not, disposes the client and throws. `connectionString` only
   * names the server in messages here.
   */
  static async open(
    client: EventStoreDbClient,
    options: EventStoreDbOptions,
    tuning: EventStoreDbTuning = {},
  ): Promise<EventStoreDbEventStore> {
    let settings: EventStoreDbSettings;
    let store: EventStoreDbEventStore;
    try {
      settings = resolveSettings(options);
      store = new EventStoreDbEventStore(client, settings, tuning);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
    const answer = await store.probe(settings.connectTimeoutMs);
    if (answer.status === 'down') {
      await store.close();
      throw new Error(`Cannot connect to EventStoreDB at ${settings.server}: ${answer.error}`);
    }
    return store;
  }

  private constructor(
    private readonly client: EventStoreDbClient,
    private readonly settings: EventStoreDbSettings,
    tuning: EventStoreDbTuning,
  ) {
    this.naming = new StreamNaming(settings.streamPrefix);
    this.recent = new RecentEventIds(tuning.recentEventIds ?? BUDGET.eventStore.eventStoreDbRecentEventIds);
    this.backoff = tuning.reconnectBackoff ?? DEFAULT_BACKOFF;
    if (!(this.backoff.initialDelayMs > 0 && this.backoff.maxDelayMs >= this.backoff.initialDelayMs)) {
      throw new RangeError(`Invalid reconnect backoff ${JSON.stringify(this.backoff)}`);
    }
    this.readPageSize = tuning.readPageSize ?? BUDGET.eventStore.eventStoreDbReadPageEvents;
    if (!Number.isSafeInteger(this.readPageSize) || this.readPageSize < 2) {
      throw new RangeError(`Invalid readPageSize ${this.readPageSize}: at least 2`);
    }
    this.subscriptionSource = {
      open: (from) => this.client.subscribeToAll({ fromPosition: from, filter: applicationStreamsFilter(this.naming) }),
      headPosition: () => this.findHeadPosition(),
      decode: (resolved) => {
        const recorded = resolved.event;
        if (!recorded || !isApplicationEvent(this.naming, recorded.streamId, recorded.type)) return undefined;
        return toStoredEvent(recorded, this.naming);
      },
      resolveStart: (after) => this.resolveStart(after),
    };
  }

  /** This application's stream prefix (`okr` by default): its streams are `<prefix>.<streamId>`. */
  get streamPrefix(): string {
    return this.naming.prefix;
  }

  /** The EventStoreDB stream name of a port stream id, e.g. for operators looking at the admin UI. */
  streamNameOf(streamId: string): string {
    return this.naming.toStreamName(streamId);
  }

  /** For /api/health: whether the server answers a read of `$all` now, and how fast. Never throws. */
  ping(): Promise<PingResult> {
    return this.probe(Math.min(this.settings.connectTimeoutMs, MAX_PING_TIMEOUT_MS));
  }

  /**
   * Appends atomically with optimistic concurrency (see the port). How the port's idempotency is kept:
   *
   * 1. Ids this instance appended recently (RecentEventIds) are checked first, in any stream: an exact
   *    retry returns the original result without a round trip, any other re-use throws DuplicateEventIdError.
   * 2. With an exact expected revision (or 'no_stream'), the append goes to the server as is. EventStoreDB
   *    itself answers an exact retry with a stale expected revision as "already written" (the adapter's
   *    ids make that exact, see append-event-ids.ts). On a wrong expected version, the stream is read: if
   *    it holds the append's ids, it is an exact retry (original result) or a re-use (DuplicateEventIdError);
   *    otherwise WrongExpectedRevisionError.
   * 3. With 'any', the stream is read first and checked the same way, then the append expects the revision
   *    read, so no other writer can slip in between the check and the write (if one does, it starts over).
   *
   * Not detected: an id first written by another process (or forgotten by step 1) and re-used in another
   * stream, or in the same stream by an append expecting its current revision (an exact retry too). EventStoreDB has no index of event
   * ids across streams; the application gives every new event a fresh UUID, so only exact retries re-use ids.
   */
  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expected);
    const streamName = this.naming.toStreamName(streamId);
    const eventIds = events.map((event) => event.metadata.eventId);

    const known = detectIdempotentRetry(streamId, eventIds, (eventId) => this.recent.get(eventId));
    if (known) return known;
    if (events.length === 0) return this.currentState(streamId, streamName, expected);

    const eventStoreDbIds = appendEventIds(eventIds);
    // Encoded now: an unserialisable payload or a reserved type fails before anything is sent.
    const data = events.map((event, i) => toEventData(event, eventStoreDbIds[i]));
    const batch = { streamId, streamName, eventIds, eventStoreDbIds, data };
    try {
      return expected === 'any' ? await this.appendAny(batch) : await this.appendExpecting(batch, expected);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) throw error;
      if (isStreamDeleted(error)) throw new StreamTombstonedError(streamId, error);
      throw translateOperationError(error, `append to ${streamId}`, this.settings.server);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const fromRevision = validateNonNegativeInteger('fromRevision', options.fromRevision, 0);
    const maxCount = validateMaxCount(options.maxCount);
    const streamName = this.naming.toStreamName(streamId);
    if (maxCount === 0) return [];
    try {
      return (await this.readRecords(streamName, fromRevision, maxCount)).records.map((record) => record.event);
    } catch (error) {
      throw translateOperationError(error, `read stream ${streamId}`, this.settings.server);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = validateNonNegativeInteger('after', options.after, START_POSITION);
    const maxCount = validateMaxCount(options.maxCount);
    if (maxCount === 0) return [];
    try {
      return await this.readAllAfter(after, maxCount);
    } catch (error) {
      throw translateOperationError(error, 'read $all', this.settings.server);
    }
  }

  /** The position of this application's last event (read `$all` backwards, filtered), START_POSITION when it has none. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    try {
      return await this.findHeadPosition();
    } catch (error) {
      throw translateOperationError(error, 'read the head of $all', this.settings.server);
    }
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = validateNonNegativeInteger('after', options.after, START_POSITION);
    const subscription = new EventStoreDbSubscription(handler, this.subscriptionSource, {
      after,
      onError: options.onError,
      onStopped: (stopped) => this.subscriptions.delete(stopped),
      backoff: this.backoff,
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops the subscriptions (waiting for running handlers), then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    try {
      await this.client.dispose();
    } catch {
      // The connection is going away anyway.
    }
  }

  // ---------------------------------------------------------------------------------------------- appends

  private async appendExpecting(batch: PendingAppend, expected: Exclude<ExpectedRevision, 'any'>): Promise<AppendResult> {
    try {
      return await this.send(batch, expected);
    } catch (error) {
      if (!isWrongExpectedVersion(error) && !(error instanceof RefusedAppend)) throw error;
      const stream = await this.readRecords(batch.streamName, 0, undefined);
      const original = findEarlierAppend(batch, stream.records);
      if (original) return this.remember(batch, original);
      const reported = isWrongExpectedVersion(error) ? safeCurrentRevision(error.actualVersion) : -1;
      throw new WrongExpectedRevisionError(batch.streamId, expected, Math.max(reported, stream.lastRevision));
    }
  }

  private async appendAny(batch: PendingAppend): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const stream = await this.readRecords(batch.streamName, 0, undefined);
      const original = findEarlierAppend(batch, stream.records);
      if (original) return this.remember(batch, original);
      try {
        return await this.send(batch, stream.lastRevision === -1 ? 'no_stream' : stream.lastRevision);
      } catch (error) {
        if (!isWrongExpectedVersion(error) && !(error instanceof RefusedAppend)) throw error;
        if (attempt >= MAX_ANY_ATTEMPTS) {
          throw new Error(
            `Could not append to ${batch.streamId} (expected revision 'any'): other writers appended in between ${attempt} times in a row`,
            {
              cause: error,
            },
          );
        }
        // Another writer got in between the read and the write (or its write is not readable yet): read again.
        await new Promise((resolve) => setTimeout(resolve, attempt * 5));
      }
    }
  }

  /** One append request. Throws the client's WrongExpectedVersionError (or RefusedAppend) on a revision mismatch. */
  private async send(batch: PendingAppend, expected: Exclude<ExpectedRevision, 'any'>): Promise<AppendResult> {
    const result: ClientAppendResult = await this.client.appendToStream(batch.streamName, batch.data, {
      expectedRevision: toAppendExpectedRevision(expected),
    });
    // With throwOnAppendFailure=false in the connection string the client answers instead of throwing.
    if (!result.success) throw new RefusedAppend();
    const nextExpectedRevision = toRevision(result.nextExpectedRevision);
    const position = hasPosition(result.position)
      ? toPortPosition(result.position, `the append to ${batch.streamId}`)
      : await this.positionOfRevision(batch.streamName, nextExpectedRevision);
    return this.remember(batch, { nextExpectedRevision, position });
  }

  private remember(batch: PendingAppend, result: AppendResult): AppendResult {
    this.recent.remember(batch.streamId, batch.eventIds, result.nextExpectedRevision - batch.eventIds.length + 1, result.position);
    return result;
  }

  /** An empty append: checks the expected revision against the stream's last event and returns its state. */
  private async currentState(streamId: string, streamName: string, expected: ExpectedRevision): Promise<AppendResult> {
    let stream: StreamRead;
    try {
      stream = await this.readRecords(streamName, 'last', 1);
    } catch (error) {
      throw translateOperationError(error, `read stream ${streamId}`, this.settings.server);
    }
    assertExpectedRevision(streamId, expected, stream.lastRevision);
    return { nextExpectedRevision: stream.lastRevision, position: stream.lastPosition };
  }

  /** The position of the event at `revision` (for servers that return no position with an append). */
  private async positionOfRevision(streamName: string, revision: number): Promise<number> {
    const stream = await this.readRecords(streamName, revision, 1);
    if (stream.lastRevision !== revision) throw new Error(`EventStoreDB did not return event ${revision} of ${streamName}, just written`);
    return stream.lastPosition;
  }

  // ---------------------------------------------------------------------------------------------- reads

  /**
   * Events of one stream with their EventStoreDB ids, in the order read; none when the stream does not
   * exist (or was deleted). System events ('$' types) are left out of `records` but count for lastRevision.
   */
  private async readRecords(streamName: string, from: number | 'last', maxCount: number | undefined): Promise<StreamRead> {
    const read = this.client.readStream(streamName, {
      fromRevision: from === 'last' ? END : toReadRevision(from),
      direction: from === 'last' ? BACKWARDS : FORWARDS,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    const result: StreamRead = { records: [], lastRevision: -1, lastPosition: START_POSITION };
    try {
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        const recorded = resolved.event;
        if (!recorded) continue;
        let revision: number;
        let position: number;
        if (isSystemEventType(recorded.type)) {
          revision = toRevision(recorded.revision);
          position = toPortPosition(recorded.position, `event ${revision} of ${streamName}`);
        } else {
          const event = toStoredEvent(recorded, this.naming);
          result.records.push({ event, eventStoreDbId: recorded.id.toLowerCase() });
          ({ revision, position } = event);
        }
        if (revision > result.lastRevision) {
          result.lastRevision = revision;
          result.lastPosition = position;
        }
      }
    } catch (error) {
      if (isStreamNotFound(error) || isStreamDeleted(error)) return { records: [], lastRevision: -1, lastPosition: START_POSITION };
      throw error;
    }
    return result;
  }

  /** This application's events with position > after, at most maxCount, reading `$all` forwards page by page. */
  private async readAllAfter(after: number, maxCount: number | undefined): Promise<StoredEvent[]> {
    const pageSize = maxCount === undefined ? this.readPageSize : Math.max(2, Math.min(this.readPageSize, maxCount + 1));
    const events: StoredEvent[] = [];
    let from: ReadPosition = readPositionAfter(after);
    let seam: Position | undefined;
    let startResolved = false;
    let last = after;
    for (;;) {
      let page: AllStreamResolvedEvent[];
      try {
        page = await collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: pageSize }));
      } catch (error) {
        // `after` may not be an event's position (reads must start at a record of the log): start from the
        // closest event before it instead, once.
        if (startResolved || seam !== undefined || from === START || isTransientError(error)) throw error;
        from = await this.resolveStart(after);
        startResolved = true;
        continue;
      }
      for (const resolved of page) {
        const recorded = resolved.event;
        if (!recorded) continue;
        // Reads are inclusive: a page starts with the last event of the previous one.
        if (seam !== undefined && samePosition(recorded.position, seam)) continue;
        if (!isApplicationEvent(this.naming, recorded.streamId, recorded.type)) continue;
        const event = toStoredEvent(recorded, this.naming);
        if (event.position <= after) continue;
        if (event.position <= last) throw outOfOrder(event.position, last);
        last = event.position;
        events.push(event);
        if (maxCount !== undefined && events.length >= maxCount) return events;
      }
      if (page.length < pageSize) return events;
      const end: Position | undefined = page[page.length - 1].event?.position;
      if (!end) return events;
      from = end;
      seam = end;
    }
  }

  /** Reads `$all` backwards from the end to the first event of this application. */
  private async findHeadPosition(): Promise<number> {
    let from: ReadPosition = END;
    let seam: Position | undefined;
    let pageSize = Math.min(32, this.readPageSize);
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: pageSize }),
      );
      for (const resolved of page) {
        const recorded = resolved.event;
        if (!recorded || (seam !== undefined && samePosition(recorded.position, seam))) continue;
        if (isApplicationEvent(this.naming, recorded.streamId, recorded.type)) {
          return toPortPosition(recorded.position, `event ${recorded.revision} of ${recorded.streamId}`);
        }
      }
      if (page.length < pageSize) return START_POSITION;
      const end: Position | undefined = page[page.length - 1].event?.position;
      if (!end) return START_POSITION;
      from = end;
      seam = end;
      pageSize = this.readPageSize;
    }
  }

  /**
   * A position of `$all` to read forwards from so as to see every event with a port position > after,
   * valid for the server (the position of a record): the last event of `$all` whose commit position is
   * <= after (no event with prepare > after sorts before it, since commit >= prepare), or START.
   */
  private async resolveStart(after: number): Promise<ReadPosition> {
    const limit = BigInt(after);
    let from: ReadPosition = END;
    let seam: Position | undefined;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: this.readPageSize }),
      );
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || (seam !== undefined && samePosition(position, seam))) continue;
        if (position.commit <= limit) return position;
      }
      if (page.length < this.readPageSize) return START;
      const end: Position | undefined = page[page.length - 1].event?.position;
      if (!end) return START;
      from = end;
      seam = end;
    }
  }

  /** Reads the last event of `$all` within `timeoutMs`. */
  private async probe(timeoutMs: number): Promise<PingResult> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    if (this.closed) return { status: 'down', latencyMs: 0, error: 'the store is closed' };
    try {
      await collect(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }), timeoutMs);
      return { status: 'up', latencyMs: elapsed() };
    } catch (error) {
      return { status: 'down', latencyMs: elapsed(), error: scrubCredentials(describeError(error), this.settings.connectionString) };
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}

/** An append on its way: the port's ids, EventStoreDB's ids and the encoded events. */
interface PendingAppend {
  streamId: string;
  streamName: string;
  eventIds: readonly string[];
  eventStoreDbIds: readonly string[];
  data: EventData[];
}

/** The client answered "wrong expected version" without throwing (throwOnAppendFailure=false). */
class RefusedAppend extends Error {
  constructor() {
    super('EventStoreDB refused the append: wrong expected version');
  }
}

/**
 * Where the append's ids are in the stream already: the original result when the stream holds exactly
 * this append (same ids, same order, written together: their EventStoreDB ids are the ones derived for
 * this append); undefined when none of the ids is there; DuplicateEventIdError for any other re-use.
 */
function findEarlierAppend(batch: PendingAppend, stored: StoredRecord[]): AppendResult | undefined {
  const byEventId = new Map(stored.map((record) => [record.event.metadata.eventId, record]));
  const found = batch.eventIds.map((eventId) => byEventId.get(eventId));
  const firstReused = found.findIndex((record) => record !== undefined);
  if (firstReused === -1) return undefined;
  const first = found[0];
  const exact =
    first !== undefined &&
    found.every(
      (record, i) =>
        record !== undefined && record.eventStoreDbId === batch.eventStoreDbIds[i] && record.event.revision === first.event.revision + i,
    );
  if (!exact) throw new DuplicateEventIdError(batch.eventIds[firstReused]);
  const last = found[found.length - 1]!.event;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** The current revision reported with a wrong expected version, or -1 when it cannot be read. */
function safeCurrentRevision(current: unknown): number {
  try {
    return fromCurrentRevision(current as bigint);
  } catch {
    return -1;
  }
}

function hasPosition(position: Position | undefined): position is Position {
  return position !== undefined && position.prepare !== MISSING_POSITION && position.commit !== MISSING_POSITION && position.prepare > 0n;
}

function outOfOrder(position: number, previous: number): Error {
  return new Error(
    `EventStoreDB returned position ${position} after ${previous}: events of this application's streams are out of order in $all ` +
      `(were some written in an explicit transaction?)`,
  );
}

/** Reads a whole (bounded) read into memory, cancelling it if `timeoutMs` passes first. */
async function collect<E>(read: StreamingRead<E>, timeoutMs?: number): Promise<E[]> {
  const items: E[] = [];
  const consume = (async () => {
    for await (const item of read as AsyncIterable<E>) items.push(item);
    return items;
  })();
  if (timeoutMs === undefined) return consume;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      read.cancel().catch(() => undefined);
      read.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  consume.catch(() => undefined);
  try {
    return await Promise.race([consume, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
