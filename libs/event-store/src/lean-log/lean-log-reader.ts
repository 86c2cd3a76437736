/**
 * An optional capability of an event store, beside the port: reading the log in position order with only the
 * fields a fold over the whole log needs, and only the events it wants. A store that keeps these fields in
 * their own columns (the embedded SQLite store) answers without decoding the metadata of every event; the port's
 * `readAll` remains the way to read everything (`leanLogReaderOf` is undefined for stores without it, and callers
 * fall back to `readAll`).
 */

/** One event as the lean read gives it: for the fields it carries, exactly what `readAll` gives. */
export interface LeanEvent<Data = unknown> {
  position: number;
  type: string;
  /** The stored data (its JSON round trip, as `readAll` gives it). */
  data: Data;
  /** `metadata.tenantId` when it is a string, else null. */
  tenantId: string | null;
  /** `metadata.recordedAt` when it is a string, else null. */
  recordedAt: string | null;
  /** `metadata.schemaVersion` as stored (undefined when the key is absent). */
  schemaVersion: unknown;
}

export interface LeanLogReadOptions {
  /** Events with position strictly greater than this. */
  after: number;
  /** And at most this (inclusive). Default: no bound. */
  until?: number;
  /** At most this many events (an integer >= 1). */
  maxCount: number;
  /** Only this tenant's events (`metadata.tenantId` equal to it). Default: every tenant's. */
  tenantId?: string;
  /** Only events of these types. Default: every type. */
  types?: readonly string[];
}

export interface LeanLogReader {
  /**
   * The events matching the options, in position order. Fewer than `maxCount` events means that every matching
   * event in (after, until] has been returned: a caller reading up to `until` may then take itself to be there.
   */
  readLean(options: LeanLogReadOptions): Promise<LeanEvent[]>;
}

/** A store that can read the log lean says so through `leanLogReader()` (a decorator asks the store it wraps). */
export interface LeanLogSource {
  leanLogReader(): LeanLogReader | undefined;
}

/** The store's lean reader, or undefined when it has none (read the log with `readAll` then). */
export function leanLogReaderOf(store: object): LeanLogReader | undefined {
  const source = store as Partial<LeanLogSource>;
  return typeof source.leanLogReader === 'function' ? source.leanLogReader() : undefined;
}
