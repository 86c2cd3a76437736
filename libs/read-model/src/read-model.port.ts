/**
 * The read-model port: document collections written by projections and read by queries.
 * Adapters (in-memory, embedded SQLite, MongoDB) implement it and pass ./testing/read-model.contract.ts.
 *
 * Every document carries `version`: the global event position of the last event applied to it. Writes
 * are guarded by it, so replaying an event (or a whole batch) twice changes nothing, and an older write
 * never overwrites a newer one.
 *
 * Documents are stored as JSON: they read back as `JSON.parse(JSON.stringify(doc))` (undefined properties
 * dropped, Dates as strings), as fresh objects that share nothing with the caller.
 *
 * Names: collection names and indexed field names are 1-64 letters, digits and underscores, not starting
 * with a digit, and case-sensitive (TypeError otherwise).
 */

export interface ReadModelDocument {
  id: string;
  /** Global position of the last event applied to this document (> 0). */
  version: number;
}

/**
 * Values of indexed fields (top-level document fields only; a write holding an object or array in an
 * indexed field is rejected). Order, the same in every adapter: null (and missing) first, then numbers
 * (numerically), then strings (by Unicode code point, i.e. UTF-8 byte order, not JavaScript's UTF-16 `<`).
 * Booleans are compared as the numbers 0 and 1 (so `true` equals `1`): keep one type per field.
 */
export type FieldValue = string | number | boolean | null;

export interface CollectionSpec {
  name: string;
  /**
   * Top-level fields that `find` may filter or sort on. Adapters create an index for each. `id` is always
   * indexed and need not be listed. Declaring again with more fields adds indexes (for the documents already
   * stored too); declaring never removes one — rebuild into a fresh collection for that.
   */
  indexes: readonly string[];
}

/**
 * A guarded write to a collection that exists (declared through `collection()`; the whole batch is refused
 * otherwise). `version` must be a positive integer.
 */
export type WriteOp =
  /** Stores `doc` unless a document (or tombstone) with this id has a version >= doc.version. */
  | { kind: 'upsert'; collection: string; doc: ReadModelDocument & Record<string, unknown> }
  /** Deletes the document unless its version >= `version`; leaves a tombstone with `version`, so an older upsert cannot bring it back. */
  | { kind: 'delete'; collection: string; id: string; version: number };

/**
 * Several ops on the same id within a batch give the state that applying them one after the other gives.
 * A batch that is malformed (TypeError/RangeError: bad id, version, checkpoint, a document JSON cannot
 * encode, a non-scalar indexed value) or names a missing collection is refused before anything is written.
 */
export interface WriteBatch {
  ops: readonly WriteOp[];
  /** Stored after (or, where the adapter can, atomically with) the ops. Never moves backwards. */
  checkpoint?: { projection: string; position: number };
}

/**
 * A filter: every key must be an indexed field (or `id`); a value matches by equality (null matches null or
 * missing), an array matches any of its values (an empty array matches nothing). Conditions are ANDed.
 * Values must be FieldValues (finite numbers); anything else, undefined included, is a ReadModelQueryError.
 */
export type Where = Record<string, FieldValue | readonly FieldValue[]>;

export interface FindQuery {
  where?: Where;
  /** Sort by indexed fields; `id` ascending is always appended as the final tie-breaker. Default: id. */
  orderBy?: readonly { field: string; direction: 'asc' | 'desc' }[];
  /** 1..1000. */
  limit: number;
  /**
   * The `nextCursor` of the previous page (opaque), for the same `orderBy` (ReadModelQueryError otherwise).
   * Paging is stable: each document appears once. Pages are keyset pages: the next one starts after the
   * sort values of the last document returned, so writes in between neither shift nor repeat documents
   * (a document whose sort values change meanwhile may be seen twice or not at all).
   */
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
}

/** A query on a field that is not indexed, a bad cursor, a bad limit. */
export class ReadModelQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadModelQueryError';
  }
}

/**
 * A handle on a collection by name: it follows the name, so after `renameCollection(x, name)` it reads the
 * renamed collection, and after `dropCollection(name)` its calls reject until the name is declared again.
 */
export interface Collection<T extends ReadModelDocument> {
  readonly name: string;
  get(id: string): Promise<T | undefined>;
  /** The documents that exist among `ids`, in the order of `ids`. */
  getMany(ids: readonly string[]): Promise<T[]>;
  find(query: FindQuery): Promise<Page<T>>;
  count(where?: Where): Promise<number>;
  /** Every document, in id order, without loading the whole collection at once (pages of 500 by default). */
  scan(pageSize?: number): AsyncIterable<T>;
}

/**
 * A lease keeps one of several projector replicas active: the holder renews it well before it expires; another
 * replica acquires it only once it has expired (or was released). Times are epoch milliseconds supplied by the
 * caller's clock (keep replicas' clocks in sync, e.g. NTP; the TTL should dwarf the skew).
 */
export interface LeaseRequest {
  /** The lease's name (e.g. the projection's), same rules as a collection name. */
  name: string;
  /** Who asks (unique per replica, e.g. hostname + pid + random). */
  owner: string;
  /** How long the lease lasts from `now` if granted (> 0). */
  ttlMs: number;
  /** The caller's current time (epoch ms). */
  now: number;
}

export interface LeaseState {
  /** True when `owner` holds the lease after the call (newly acquired or renewed). */
  acquired: boolean;
  /** The holder after the call (the caller when acquired), null when nobody holds it. */
  holder: string | null;
  /** When the holder's lease expires (epoch ms), null when nobody holds it. */
  expiresAt: number | null;
}

export interface ReadModelStore {
  /** Declares a collection (creating it and its indexes when missing) and returns a handle on it. */
  collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>>;
  /** Applies a batch of guarded writes, then its checkpoint. */
  apply(batch: WriteBatch): Promise<void>;
  /** The last stored checkpoint of a projection, 0 when none. */
  checkpoint(projection: string): Promise<number>;
  /** Removes a collection and its documents (and tombstones). Does nothing when it does not exist. */
  dropCollection(name: string): Promise<void>;
  /**
   * Replaces collection `to` by collection `from` (which then no longer exists), as atomically as the
   * backend allows: for rebuilds into fresh collections that are swapped in at the end. `to` gets `from`'s
   * documents, tombstones and indexes, and nothing of its own. Rejects when `from` does not exist.
   */
  renameCollection(from: string, to: string): Promise<void>;
  /** Deletes a projection's checkpoint. */
  resetCheckpoint(projection: string): Promise<void>;
  /**
   * Acquires the lease when nobody holds it, it has expired (expiresAt <= now), or `owner` already holds it
   * (a renewal: expiresAt becomes now + ttlMs). Atomic: of concurrent callers at most one gets it.
   */
  acquireLease(request: LeaseRequest): Promise<LeaseState>;
  /** Gives the lease up if `owner` holds it (so another replica takes over at once); otherwise does nothing. */
  releaseLease(name: string, owner: string): Promise<void>;
  /** Idempotent; every call after it rejects. */
  close(): Promise<void>;
}
