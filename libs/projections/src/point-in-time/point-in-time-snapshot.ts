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
  /** recordedAt of that event: the snapshot can start a replay to any instant at or after it. */
  recordedAt: string | null;
  /** JSON text of each document, by collection then id. */
  documents: ReadonlyMap<string, ReadonlyMap<string, string>>;
}
