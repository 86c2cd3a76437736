import { LRUCache } from 'lru-cache';
import { PointInTimeSnapshot } from './point-in-time-snapshot';

/** What is known of a stored snapshot without loading its documents. */
export interface SnapshotInfo {
  position: number;
  recordedAt: string | null;
}

/**
 * Where checkpointed replay states are kept: in process memory (MemorySnapshotStore) or on disk
 * (SqliteSnapshotStore, a sibling file of the embedded stores). Snapshots of another projection version are
 * never listed nor loaded.
 */
export interface PointInTimeSnapshotStore {
  /** The snapshots held for the projection at this version, by increasing position. */
  list(projection: string, version: number): Promise<SnapshotInfo[]>;
  load(projection: string, version: number, position: number): Promise<PointInTimeSnapshot | undefined>;
  /** Keeps the snapshot (replacing one at the same position). */
  save(snapshot: PointInTimeSnapshot): Promise<void>;
}

/** Snapshots in process memory, the `keep` most recently used (compressed: a few MB each for 10,000 objectives). */
export class MemorySnapshotStore implements PointInTimeSnapshotStore {
  private readonly snapshots?: LRUCache<string, PointInTimeSnapshot>;

  constructor(keep: number) {
    if (!Number.isSafeInteger(keep) || keep < 0) throw new RangeError('keep must be a non-negative integer');
    if (keep > 0) this.snapshots = new LRUCache({ max: keep });
  }

  async list(projection: string, version: number): Promise<SnapshotInfo[]> {
    return [...(this.snapshots?.values() ?? [])]
      .filter((s) => s.projection === projection && s.version === version)
      .map((s) => ({ position: s.position, recordedAt: s.recordedAt }))
      .sort((a, b) => a.position - b.position);
  }

  async load(projection: string, version: number, position: number): Promise<PointInTimeSnapshot | undefined> {
    return this.snapshots?.get(keyOf(projection, version, position));
  }

  async save(snapshot: PointInTimeSnapshot): Promise<void> {
    this.snapshots?.set(keyOf(snapshot.projection, snapshot.version, snapshot.position), snapshot);
  }
}

function keyOf(projection: string, version: number, position: number): string {
  return `${projection}\u0000${version}\u0000${position}`;
}
