import { EventStore } from '@okr/event-store';
import { Projection } from '../projection';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { PointInTimeReplay, PointInTimeState } from './replay-until';

export interface PointInTimeSnapshotsOptions {
  /** A snapshot is taken at every multiple of this many positions a replay passes. Default 100,000. */
  every?: number;
  /** At most this many snapshots are kept (the least recently used go). Default 8. */
  keep?: number;
  projection?: Projection;
  batchSize?: number;
}

/**
 * Point-in-time states with checkpoints: replays start from the latest snapshot at or before the instant,
 * and leave snapshots behind at every `every`-th position they pass (built lazily, by the replays that need
 * them). A snapshot at a fixed position never goes stale: the log below the head is append-only. Kept in
 * process memory (JSON text of the mutable documents: ~70 MB for 10,000 objectives and 39,000 key results).
 */
export class PointInTimeSnapshots {
  private readonly every: number;
  private readonly keep: number;
  /** By position; Map order is recency of use. */
  private readonly snapshots = new Map<number, PointInTimeSnapshot>();

  constructor(
    private readonly events: EventStore,
    private readonly options: PointInTimeSnapshotsOptions = {},
  ) {
    this.every = options.every ?? 100_000;
    this.keep = options.keep ?? 8;
    if (!Number.isSafeInteger(this.every) || this.every < 1) throw new RangeError('every must be a positive integer');
    if (!Number.isSafeInteger(this.keep) || this.keep < 0) throw new RangeError('keep must be a non-negative integer');
  }

  /** How many snapshots are held. */
  get size(): number {
    return this.snapshots.size;
  }

  /** The documents as they stood once every event recorded at or before `instant` (epoch ms) was projected. */
  async stateAt(instant: number): Promise<PointInTimeState> {
    const from = this.latestUsableFor(instant);
    const replay = await PointInTimeReplay.start(this.events, { recordedAtOrBefore: instant, from, projection: this.options.projection, batchSize: this.options.batchSize });
    if (this.keep === 0) {
      await replay.advance();
      return replay;
    }
    for (;;) {
      const boundary = (Math.floor(replay.position / this.every) + 1) * this.every;
      await replay.advance(boundary);
      if (replay.reachedInstant || replay.position < boundary) break;
      this.remember(replay.snapshot());
    }
    // The view may have stopped at the boundary with events still to come below the instant.
    await replay.advance();
    return replay;
  }

  private latestUsableFor(instant: number): PointInTimeSnapshot | undefined {
    let best: PointInTimeSnapshot | undefined;
    for (const snapshot of this.snapshots.values()) {
      if (snapshot.recordedAt !== null && Date.parse(snapshot.recordedAt) > instant) continue;
      if (!best || snapshot.position > best.position) best = snapshot;
    }
    if (best) {
      this.snapshots.delete(best.position);
      this.snapshots.set(best.position, best);
    }
    return best;
  }

  private remember(snapshot: PointInTimeSnapshot): void {
    this.snapshots.delete(snapshot.position);
    this.snapshots.set(snapshot.position, snapshot);
    while (this.snapshots.size > this.keep) this.snapshots.delete(this.snapshots.keys().next().value!);
  }
}
