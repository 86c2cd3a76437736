/** One compressed piece of a snapshot: up to a few thousand documents of one collection. */
export interface SnapshotChunk {
  collection: string;
  /** Documents in the chunk. */
  count: number;
  /** gzip of one line per document: its id as a JSON string, a tab, its JSON (see snapshot-codec). */
  data: Buffer;
}

/**
 * A checkpointed replay state: the documents of a projection's mutable (not write-only) collections exactly
 * as a replay of the log up to `position` left them. A replay started from it and continued to T gives what
 * a replay from the beginning to T gives (the projection's documents do not depend on how events are
 * batched), so snapshots change speed, never answers.
 */
export interface PointInTimeSnapshot {
  projection: string;
  /** The projection's version (a snapshot of another version is refused). */
  version: number;
  /** Global position of the last event the state includes (0: none). */
  position: number;
  /**
   * The latest recordedAt of the events it includes (null: none): the snapshot can start a replay to any instant
   * at or after it (every event it includes was recorded by then).
   */
  recordedAt: string | null;
  /** The documents, compressed (see snapshot-codec). */
  chunks: readonly SnapshotChunk[];
}
