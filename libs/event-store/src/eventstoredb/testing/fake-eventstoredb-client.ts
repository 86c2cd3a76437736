import {
  ANY,
  BACKWARDS,
  convertToCommandError,
  END,
  EVENT_TYPE,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendResult,
  EventData,
  Filter,
  Position,
  ResolvedEvent,
  StreamingRead,
} from '@eventstore/db-client';
import { PassThrough, Readable } from 'node:stream';
import { EventStoreDbClient } from '../eventstoredb-client';

/**
 * An in-memory stand-in for EventStoreDB behind @eventstore/db-client, for unit tests of the adapter
 * (never used in production). It implements the few client methods the adapter calls, with the client's
 * types, and answers the way the server does as far as the adapter can tell:
 *
 * - a transaction log with byte-offset positions (commit == prepare, increasing with gaps), system events
 *   (`$stats…`, and with `systemProjections` the `$>` links the `$by_category` projection writes);
 * - expected revisions and the server's idempotency check (an append whose ids are already at the revisions
 *   after its expected one is "already written"; a partial match is a wrong expected version);
 * - reads that are inclusive forwards and exclusive backwards, reads of missing streams that fail with
 *   StreamNotFoundError, reads of `$all` from a position that is not a record's that fail;
 * - catch-up subscriptions to `$all` from a position (exclusive) with a stream-name or event-type filter,
 *   then live, with an optional `caughtUp` signal;
 * - an outage switch: goOffline() fails every call and drops subscriptions with UnavailableError, like a
 *   server that went away; hang() leaves every call unanswered.
 *
 * Data and metadata go through JSON text, as over the wire.
 */

export interface FakeRecord {
  streamName: string;
  revision: bigint;
  id: string;
  type: string;
  isJson: boolean;
  /** JSON text (or raw bytes for binary events) as the server stores them. */
  data: string | Uint8Array;
  metadata: string | Uint8Array | undefined;
  position: Position;
  created: Date;
}

export interface FakeEventStoreDbOptions {
  /** Write `$>` link events to `$ce-<category>` after every append, as the $by_category projection does. Default true. */
  systemProjections?: boolean;
  /** Send the `caughtUp` signal when a subscription has read the stored events (servers >= 23.10). Default true. */
  emitsCaughtUp?: boolean;
  /** Return positions with stream reads (servers >= 22.6). Default true. */
  streamReadPositions?: boolean;
  /** Return the position with append results. Default true. */
  appendPositions?: boolean;
  /** Answer a wrong expected version with {success: false} instead of throwing (throwOnAppendFailure=false). Default true. */
  throwOnAppendFailure?: boolean;
  /** Log position of the first record. Default 4096. */
  firstPosition?: bigint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORD_OVERHEAD = 97n;

type FakeSubscription = PassThrough & { id?: string; unsubscribe(): Promise<void>; pump(): void };

export class FakeEventStoreDbClient implements EventStoreDbClient {
  readonly log: FakeRecord[] = [];
  /** Calls made, by method, for assertions on round trips. */
  readonly calls = { appendToStream: 0, readStream: 0, readAll: 0, subscribeToAll: 0 };
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly subscriptions = new Set<FakeSubscription>();
  private nextPosition: bigint;
  private offline = false;
  private hanging = false;
  disposed = false;
  readonly options: Required<FakeEventStoreDbOptions>;

  constructor(options: FakeEventStoreDbOptions = {}) {
    this.options = {
      systemProjections: true,
      emitsCaughtUp: true,
      streamReadPositions: true,
      appendPositions: true,
      throwOnAppendFailure: true,
      firstPosition: 4096n,
      ...options,
    };
    this.nextPosition = this.options.firstPosition;
    this.writeRecord('$stats-127.0.0.1:2113', '$statsCollected', JSON.stringify({ proc: 1 }), true, undefined);
  }

  /** Every call fails (and subscriptions drop) with UnavailableError until goOnline(). */
  goOffline(): void {
    this.offline = true;
    for (const subscription of [...this.subscriptions]) {
      this.subscriptions.delete(subscription);
      if (subscription.listenerCount('error') > 0) subscription.emit('error', unavailable());
    }
  }

  goOnline(): void {
    this.offline = false;
  }

  /** No call gets an answer any more (a server that accepts connections but never replies). */
  hang(): void {
    this.hanging = true;
  }

  /** Number of live subscriptions. */
  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  /**
   * Writes an event as another client would (any stream, any content), bypassing expected revisions.
   * `position` overrides the record's position (to imitate an explicit transaction: commit > prepare).
   */
  writeRaw(streamName: string, type: string, data: unknown, metadata?: unknown, position?: Position): FakeRecord {
    const record = this.writeRecord(
      streamName,
      type,
      JSON.stringify(data),
      true,
      metadata === undefined ? undefined : JSON.stringify(metadata),
    );
    if (position) record.position = { ...position };
    this.afterWrite([record]);
    return record;
  }

  appendToStream: EventStoreDbClient['appendToStream'] = async (streamName, events, options = {}) => {
    this.calls.appendToStream += 1;
    await this.answer();
    const batch = (Array.isArray(events) ? events : [events]) as EventData[];
    for (const event of batch) if (!UUID.test(event.id)) throw new Error(`Fake EventStoreDB: event id ${event.id} is not a UUID`);
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? -1n : BigInt(stream.length - 1);
    const expected = options.expectedRevision ?? ANY;
    const ids = batch.map((event) => event.id.toLowerCase());

    const already = this.alreadyWritten(stream, ids, expected, current);
    if (already === 'wrong') {
      if (!this.options.throwOnAppendFailure) return { success: false, nextExpectedRevision: current, position: undefined };
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current === -1n ? NO_STREAM : current });
    }
    if (already !== undefined) {
      // Already written: the revision of the original append's last event (0n too, for the append that created the stream).
      const last = stream[Number(already)];
      return { success: true, nextExpectedRevision: already, position: this.options.appendPositions ? { ...last.position } : undefined };
    }
    if (batch.length === 0) return { success: true, nextExpectedRevision: current, position: undefined };
    const written = batch.map((event, i) =>
      this.writeRecord(
        streamName,
        event.type,
        event.contentType === 'application/json' ? JSON.stringify(event.data) : (event.data as Uint8Array),
        event.contentType === 'application/json',
        event.metadata === undefined ? undefined : event.metadata instanceof Uint8Array ? event.metadata : JSON.stringify(event.metadata),
        ids[i],
      ),
    );
    this.afterWrite(written);
    const last = written[written.length - 1];
    const position = this.options.appendPositions ? { ...last.position } : undefined;
    const result: AppendResult = { success: true, nextExpectedRevision: last.revision, position };
    return result;
  };

  readStream: EventStoreDbClient['readStream'] = (streamName, options = {}) => {
    this.calls.readStream += 1;
    const { fromRevision = START, maxCount = Number.MAX_SAFE_INTEGER, direction } = options;
    return this.stream<ResolvedEvent>(() => {
      const stream = this.streams.get(streamName);
      if (!stream || stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      let selected: FakeRecord[];
      if (direction === BACKWARDS) {
        const from = fromRevision === END ? stream.length - 1 : fromRevision === START ? -1 : Number(fromRevision);
        selected = stream.slice(0, Math.min(from, stream.length - 1) + 1).reverse();
      } else {
        const from = fromRevision === START ? 0 : fromRevision === END ? stream.length : Number(fromRevision);
        selected = stream.slice(from);
      }
      return selected
        .slice(0, Number(maxCount))
        .map((record) => ({ event: this.recorded(record, this.options.streamReadPositions) }) as ResolvedEvent);
    }) as StreamingRead<never>;
  };

  readAll: EventStoreDbClient['readAll'] = (options = {}) => {
    this.calls.readAll += 1;
    const { fromPosition = START, maxCount = Number.MAX_SAFE_INTEGER, direction } = options;
    return this.stream<AllStreamResolvedEvent>(() => {
      let selected: FakeRecord[];
      if (direction === BACKWARDS) {
        const end = fromPosition === END ? this.log.length : fromPosition === START ? 0 : this.indexOf(fromPosition);
        selected = this.log.slice(0, end).reverse();
      } else {
        const start = fromPosition === START ? 0 : fromPosition === END ? this.log.length : this.indexOf(fromPosition);
        selected = this.log.slice(start);
      }
      return selected.slice(0, Number(maxCount)).map((record) => this.allResolved(record));
    });
  };

  subscribeToAll: EventStoreDbClient['subscribeToAll'] = (options = {}) => {
    this.calls.subscribeToAll += 1;
    const { fromPosition = START, filter } = options;
    const subscription = new PassThrough({ objectMode: true }) as FakeSubscription;
    subscription.id = `fake-${this.calls.subscribeToAll}`;
    let cursor = -1;
    let caughtUpSent = false;
    subscription.unsubscribe = async () => {
      this.subscriptions.delete(subscription);
      // Like the real client: the gRPC call is cancelled; the readable side is left as it is.
    };
    subscription.pump = () => {
      if (!this.subscriptions.has(subscription) || subscription.destroyed) return;
      while (cursor < this.log.length) {
        const record = this.log[cursor];
        cursor += 1;
        if (matches(filter, record)) subscription.write(this.allResolved(record));
      }
      if (!caughtUpSent && this.options.emitsCaughtUp) {
        caughtUpSent = true;
        subscription.emit('caughtUp');
      }
    };
    setImmediate(() => {
      if (this.offline) return void subscription.emit('error', unavailable());
      if (this.hanging || subscription.destroyed) return;
      try {
        if (fromPosition === START) cursor = 0;
        else if (fromPosition === END) cursor = this.log.length;
        else cursor = Math.min(this.indexOf(fromPosition) + 1, this.log.length);
      } catch (error) {
        return void subscription.emit('error', error);
      }
      this.subscriptions.add(subscription);
      subscription.emit('confirmation');
      subscription.pump();
    });
    return subscription as unknown as AllStreamSubscription;
  };

  dispose: EventStoreDbClient['dispose'] = async () => {
    this.disposed = true;
    for (const subscription of [...this.subscriptions]) {
      this.subscriptions.delete(subscription);
      subscription.end();
    }
  };

  /** The index in the log of the record at `position`; log.length for a position past the end; throws for a position inside the log that is not a record's. */
  private indexOf(position: Position): number {
    const last = this.log[this.log.length - 1];
    if (!last || position.commit > last.position.commit) return this.log.length;
    const index = this.log.findIndex(
      (record) => record.position.commit === position.commit && record.position.prepare === position.prepare,
    );
    if (index === -1) throw invalidPosition();
    return index;
  }

  /** ESDB's commit check: a revision (bigint) when the ids are already written right after `expected`, 'wrong' for a mismatch, undefined to write. */
  private alreadyWritten(stream: FakeRecord[], ids: string[], expected: unknown, current: bigint): bigint | 'wrong' | undefined {
    if (ids.length === 0) {
      if (expected === ANY || (expected === STREAM_EXISTS && current >= 0n)) return undefined;
      const wanted = expected === NO_STREAM ? -1n : (expected as bigint);
      return wanted === current ? undefined : 'wrong';
    }
    const matchFrom = (start: number): bigint | 'wrong' | undefined => {
      for (let i = 0; i < ids.length; i++) {
        const record = stream[start + i];
        if (!record || record.id !== ids[i]) return i === 0 ? undefined : 'wrong';
      }
      return BigInt(start + ids.length - 1);
    };
    if (expected === ANY || expected === STREAM_EXISTS) {
      const first = stream.findIndex((record) => record.id === ids[0]);
      if (first !== -1) return matchFrom(first);
      return expected === STREAM_EXISTS && current === -1n ? 'wrong' : undefined;
    }
    const wanted = expected === NO_STREAM ? -1n : (expected as bigint);
    if (wanted === current) return undefined;
    if (wanted > current) return 'wrong';
    return matchFrom(Number(wanted) + 1) ?? 'wrong';
  }

  private writeRecord(
    streamName: string,
    type: string,
    data: string | Uint8Array,
    isJson: boolean,
    metadata: string | Uint8Array | undefined,
    id?: string,
  ): FakeRecord {
    const stream = this.streams.get(streamName) ?? [];
    const position = this.nextPosition;
    const record: FakeRecord = {
      streamName,
      revision: BigInt(stream.length),
      id: id ?? randomishUuid(this.log.length),
      type,
      isJson,
      data,
      metadata,
      position: { commit: position, prepare: position },
      created: new Date(),
    };
    this.nextPosition += RECORD_OVERHEAD + BigInt(byteLength(data) + byteLength(metadata ?? '') + streamName.length + type.length);
    stream.push(record);
    this.streams.set(streamName, stream);
    this.log.push(record);
    return record;
  }

  /** Writes the projection links, then wakes the subscriptions. */
  private afterWrite(records: FakeRecord[]): void {
    if (this.options.systemProjections) {
      for (const record of records) {
        if (record.streamName.startsWith('$')) continue;
        const dash = record.streamName.indexOf('-');
        if (dash === -1) continue;
        this.writeRecord(`$ce-${record.streamName.slice(0, dash)}`, '$>', `${record.revision}@${record.streamName}`, false, undefined);
      }
    }
    for (const subscription of this.subscriptions) setImmediate(() => subscription.pump());
  }

  private recorded(record: FakeRecord, withPosition: boolean) {
    const text = typeof record.data === 'string' ? record.data : undefined;
    return {
      streamId: record.streamName,
      id: record.id,
      revision: record.revision,
      type: record.type,
      isJson: record.isJson,
      created: record.created,
      data:
        record.isJson && text !== undefined ? JSON.parse(text) : typeof record.data === 'string' ? Buffer.from(record.data) : record.data,
      metadata: decodeMetadata(record.metadata),
      position: withPosition ? { ...record.position } : undefined,
    };
  }

  private allResolved(record: FakeRecord): AllStreamResolvedEvent {
    return { event: this.recorded(record, true), commitPosition: record.position.commit } as AllStreamResolvedEvent;
  }

  /** A read stream that computes its items when first read (so a missing stream fails on iteration, like the real client). */
  private stream<E>(items: () => E[]): StreamingRead<E> {
    let produced = false;
    const readable = new Readable({
      objectMode: true,
      read: () => {
        if (produced) return;
        produced = true;
        setImmediate(() => {
          if (this.hanging) return;
          if (this.disposed) return void readable.destroy(new Error('Fake EventStoreDB: client disposed'));
          if (this.offline) return void readable.destroy(unavailable());
          try {
            for (const item of items()) readable.push(item);
            readable.push(null);
          } catch (error) {
            readable.destroy(error as Error);
          }
        });
      },
    });
    return Object.assign(readable, {
      cancel: async () => {
        readable.destroy();
      },
    }) as unknown as StreamingRead<E>;
  }

  /** Calls wait a turn, like a network round trip; offline calls fail, hanging ones never settle. */
  private async answer(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.hanging) await new Promise(() => undefined);
    if (this.disposed) throw new Error('Fake EventStoreDB: client disposed');
    if (this.offline) throw unavailable();
  }
}

function matches(filter: Filter | undefined, record: FakeRecord): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === EVENT_TYPE ? record.type : record.streamName;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return new RegExp(filter.regex).test(subject);
}

/** What the client makes of the server's answer to a read from a position that is not a record's (gRPC InvalidArgument). */
function invalidPosition(): Error {
  const details = 'Trying to read from an invalid position.';
  return convertToCommandError(
    Object.assign(new Error(`3 INVALID_ARGUMENT: ${details}`), { code: 3, details, metadata: { getMap: () => ({}) } }),
  );
}

function unavailable(): UnavailableError {
  return new UnavailableError(undefined, '14 UNAVAILABLE: No connection established (fake)');
}

function decodeMetadata(metadata: string | Uint8Array | undefined): unknown {
  if (metadata === undefined) return undefined;
  if (typeof metadata !== 'string') return metadata;
  try {
    return JSON.parse(metadata);
  } catch {
    return Uint8Array.from(Buffer.from(metadata));
  }
}

function byteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** A UUID-shaped id for records written by the fake itself. */
function randomishUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
