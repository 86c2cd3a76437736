import { BUDGET } from '@okr/budget';
import { LRUCache } from 'lru-cache';
import {
  AppendResult,
  EventHandler,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { validateAppend } from '../internal/append-rules';
import { LeanLogReader, LeanLogSource, leanLogReaderOf } from '../lean-log/lean-log-reader';
import { decodeJson, encodeJson } from '../internal/json-codec';
import { GENESIS_HASH, HASH_KEY, PREVIOUS_HASH_KEY, eventHash } from './event-hash';

export interface HashChainedEventStoreOptions {
  /** Appends with expectedRevision 'any' read the stream's head, then append expecting it: tries before giving up. Default 10. */
  maxAnyAttempts?: number;
}

/**
 * A decorator of the event-store port that links every appended event to the previous event of its stream:
 * it adds `metadata.previousHash` (the previous event's hash, '' for revision 0) and `metadata.hash`
 * (eventHash of the event's content and previousHash, see ./event-hash.ts) before handing the append to
 * the wrapped store. Wraps any adapter.
 *
 * - Numeric expected revision r >= 0: the previous event is revision r (read first); 'no_stream'/-1: none.
 *   Optimistic concurrency guarantees the chain: if another writer got in between, the wrapped store refuses
 *   the append (WrongExpectedRevisionError), so an event is never linked to anything but its predecessor.
 * - 'any': reads the stream, then appends expecting exactly the revision it read, trying again (up to
 *   `maxAnyAttempts`) when another writer got in between; it keeps the port's "'any' always appends".
 * - An event written before the chain existed (no stored hash) is still a link: its hash is recomputed from
 *   its content and the chain before it.
 * - Idempotent retries are the wrapped store's: ids are what it compares, not hashes.
 *
 * Reads (readStream, readAll, subscriptions) return exactly what was appended, as the port requires: the two
 * chain keys are removed from the metadata. The stored chain is read through `inner` (verifyHashChains
 * does so when given this store). `hash` and `previousHash` are therefore reserved metadata keys.
 */
export class HashChainedEventStore implements EventStore, LeanLogSource {
  private readonly maxAnyAttempts: number;
  /**
   * The hash of the last event this store appended to a stream, with its revision (most recently used streams, up
   * to the budget's `chainedStreams`): the next append expecting exactly that revision links to it without reading
   * the stream. Only an exact revision match is used, so another writer in between can never be linked past (the
   * wrapped store refuses such an append anyway). Assumes an event id always denotes the same event (a retry with
   * the same ids carries the same content, as the port's idempotent retries are meant).
   */
  private readonly lastHashes = new LRUCache<string, { revision: number; hash: string }>({ max: BUDGET.eventStore.chainedStreams });

  constructor(
    /** The wrapped store: reads through it return the chain keys. */
    readonly inner: EventStore,
    options: HashChainedEventStoreOptions = {},
  ) {
    if (inner instanceof HashChainedEventStore)
      throw new TypeError('HashChainedEventStore: the store is already hash-chained (use HashChainedEventStore.wrap)');
    const attempts = options.maxAnyAttempts ?? 10;
    if (!Number.isSafeInteger(attempts) || attempts < 1) throw new RangeError(`Invalid maxAnyAttempts ${attempts}: use an integer >= 1`);
    this.maxAnyAttempts = attempts;
  }

  /** The store hash-chained: itself when it already is. */
  static wrap(store: EventStore, options?: HashChainedEventStoreOptions): HashChainedEventStore {
    return store instanceof HashChainedEventStore ? store : new HashChainedEventStore(store, options);
  }

  /** The store that holds the chain keys: the wrapped one for a HashChainedEventStore, else the store itself. */
  static unwrap(store: EventStore): EventStore {
    return store instanceof HashChainedEventStore ? store.inner : store;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expected);
    if (events.length === 0) return this.inner.appendToStream(streamId, events, { expectedRevision: expected });
    if (expected === 'any') return this.appendAny(streamId, events);
    const known = this.lastHashes.get(streamId);
    const previousHash =
      expected === 'no_stream' || expected === -1
        ? GENESIS_HASH
        : known?.revision === expected
          ? known.hash
          : await this.hashOfRevision(streamId, expected);
    const chained = chain(events, previousHash);
    let result: AppendResult;
    try {
      result = await this.inner.appendToStream(streamId, chained, { expectedRevision: expected });
    } catch (error) {
      this.lastHashes.delete(streamId);
      throw error;
    }
    this.lastHashes.set(streamId, {
      revision: result.nextExpectedRevision,
      hash: chained[chained.length - 1].metadata[HASH_KEY] as string,
    });
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return stripAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return stripAll(await this.inner.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  /** The wrapped store's lean reader, if it has one: lean events carry no metadata, so no chain key to remove. */
  leanLogReader(): LeanLogReader | undefined {
    return leanLogReaderOf(this.inner);
  }

  subscribeToAll(handler: EventHandler, options?: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll((event) => handler(strip(event)), options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async appendAny(streamId: string, events: readonly EventToAppend[]): Promise<AppendResult> {
    const ids = new Set(events.map((event) => event.metadata.eventId));
    for (let attempt = 1; ; attempt++) {
      const stream = await this.inner.readStream(streamId);
      const last = stream[stream.length - 1];
      // The batch re-uses the stream's last event id: a retry (or a misuse). The wrapped store answers it
      // (the original result, or DuplicateEventIdError); it writes nothing either way.
      if (last !== undefined && ids.has(last.metadata.eventId))
        return this.inner.appendToStream(streamId, events, { expectedRevision: 'any' });
      const previousHash = last === undefined ? GENESIS_HASH : chainHash(stream);
      try {
        return await this.inner.appendToStream(streamId, chain(events, previousHash), {
          expectedRevision: last === undefined ? 'no_stream' : last.revision,
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAnyAttempts) throw error;
      }
    }
  }

  /** The hash of the event at `revision`: stored, or (written before the chain) recomputed from the stream's start. */
  private async hashOfRevision(streamId: string, revision: number): Promise<string> {
    const [event] = await this.inner.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    // No such event: the wrapped store refuses the append (wrong expected revision) whatever is linked.
    if (event === undefined) return GENESIS_HASH;
    const stored = event.metadata[HASH_KEY];
    if (typeof stored === 'string') return stored;
    return chainHash(await this.inner.readStream(streamId, { maxCount: revision + 1 }));
  }
}

/** The hash of the last of `events` (a stream from revision 0), stored hashes taken as they are. */
function chainHash(events: readonly StoredEvent[]): string {
  let previous = GENESIS_HASH;
  for (const event of events) {
    const stored = event.metadata[HASH_KEY];
    previous = typeof stored === 'string' ? stored : hashOfStored(event, previous);
  }
  return previous;
}

function hashOfStored(event: EventToAppend, previousHash: string): string {
  const { metadata } = event;
  return eventHash(
    { type: event.type, data: event.data, tenantId: metadata.tenantId, actorId: metadata.actorId, recordedAt: metadata.recordedAt },
    previousHash,
  );
}

/**
 * The events with their chain keys, each linked to the one before (the first to `previousHash`). Hashes are
 * computed on the JSON round trip of data and metadata: exactly what the store keeps and gives back.
 */
function chain(events: readonly EventToAppend[], previousHash: string): EventToAppend[] {
  let previous = previousHash;
  return events.map((event) => {
    const data = decodeJson(encodeJson(event.data));
    const metadata = decodeJson<EventMetadata>(encodeJson(event.metadata));
    const hash = hashOfStored({ type: event.type, data, metadata }, previous);
    const chained: EventToAppend = { type: event.type, data, metadata: { ...metadata, [PREVIOUS_HASH_KEY]: previous, [HASH_KEY]: hash } };
    previous = hash;
    return chained;
  });
}

function stripAll(events: StoredEvent[]): StoredEvent[] {
  for (const event of events) strip(event);
  return events;
}

/** Removes the chain keys from a freshly read event (the port gives every reader its own objects). */
function strip(event: StoredEvent): StoredEvent {
  const { metadata } = event;
  if (metadata !== null && typeof metadata === 'object' && (HASH_KEY in metadata || PREVIOUS_HASH_KEY in metadata)) {
    const { [HASH_KEY]: _hash, [PREVIOUS_HASH_KEY]: _previous, ...rest } = metadata;
    event.metadata = rest as EventMetadata;
  }
  return event;
}
