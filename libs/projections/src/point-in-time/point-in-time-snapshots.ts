import { BUDGET } from '@okr/budget';
import { EventStore } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { okrProjection } from '../okr/okr.projection';
import { Projection } from '../projection';
import { objectiveEvents } from './objective-events';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { MemorySnapshotStore, PointInTimeSnapshotStore } from './point-in-time-snapshot-store';
import { PointInTimeReplay, PointInTimeState } from './replay-until';

export interface PointInTimeSnapshotsOptions {
  /**
   * A snapshot is taken at every multiple of this many positions a replay passes. Default: the budget's
   * `replays.snapshotEveryEvents` (a question replays at most that many events after loading one).
   */
  every?: number;
  /** Where snapshots are kept (e.g. a SqliteSnapshotStore). Default: in memory, the budget's `replays.maxMemorySnapshots`. */
  store?: PointInTimeSnapshotStore;
  projection?: Projection;
  batchSize?: number;
  /** Told about a snapshot that could not be read (the replay then starts from the beginning of the log). */
  onUnreadableSnapshot?: (position: number, error: unknown) => void;
}

/**
 * Point-in-time states with checkpoints: replays start from the latest snapshot usable for the instant, and
 * leave snapshots behind at every `every`-th position they pass (built lazily, by the replays that need them, or
 * ahead of time by `buildAhead`). A snapshot at a fixed position never goes stale: the log below the head is
 * append-only.
 */
export class PointInTimeSnapshots {
  private readonly every: number;
  private readonly store: PointInTimeSnapshotStore;
  private readonly projection: Projection;

  constructor(
    private readonly events: EventStore,
    private readonly options: PointInTimeSnapshotsOptions = {},
  ) {
    this.every = options.every ?? BUDGET.replays.snapshotEveryEvents;
    if (!Number.isSafeInteger(this.every) || this.every < 1) throw new RangeError('every must be a positive integer');
    this.store = options.store ?? new MemorySnapshotStore(BUDGET.replays.maxMemorySnapshots);
    this.projection = options.projection ?? okrProjection;
  }

  /** The documents as they stood once every event recorded at or before `instant` (epoch ms) was projected. */
  async stateAt(instant: number): Promise<PointInTimeState> {
    const replay = await this.startReplay(instant);
    await this.advanceTakingSnapshots(replay);
    return replay;
  }

  /**
   * The documents one objective's answer reads at `instant` (okr projection): the events of its own streams
   * (objectiveEvents) after the nearest snapshot, replayed over it. Undefined when that snapshot is more than
   * `every` events before the instant: the caller then replays in full (stateAt), which leaves snapshots behind.
   */
  async objectiveAt(objectiveId: string, instant: number): Promise<ReadModelStore | undefined> {
    const replay = await this.startReplay(instant);
    const window = await replay.readAhead(this.every);
    if (!window) return undefined;
    await replay.replay(objectiveEvents(objectiveId, replay.documents, window));
    return replay.store;
  }

  /**
   * Builds the snapshots a replay to the head would leave (those not held yet), so that later questions start
   * close to their instant. `shouldStop` is asked between batches (e.g. to give way to requests, or on shutdown).
   */
  async buildAhead(shouldStop: () => boolean | Promise<boolean> = () => false): Promise<number> {
    const head = await this.events.headPosition();
    const replay = await this.startReplay(Number.MAX_SAFE_INTEGER);
    let taken = 0;
    while (replay.position + this.every <= head) {
      const boundary = (Math.floor(replay.position / this.every) + 1) * this.every;
      // In steps of a replay batch, asking between them whether to give way.
      while (replay.position < boundary) {
        if (await shouldStop()) return taken;
        const before = replay.position;
        await replay.advance(Math.min(boundary, before + BUDGET.replays.batchEvents));
        if (replay.position === before) return taken;
      }
      if (await this.remember(replay)) taken++;
    }
    return taken;
  }

  /** A replay to `instant` from the best snapshot; one that cannot be read (damaged, another format) counts as absent. */
  private async startReplay(instant: number): Promise<PointInTimeReplay> {
    const options = { recordedAtOrBefore: instant, projection: this.projection, batchSize: this.options.batchSize };
    const from = await this.latestUsableFor(instant);
    if (!from) return PointInTimeReplay.start(this.events, options);
    try {
      return await PointInTimeReplay.start(this.events, { ...options, from });
    } catch (error) {
      this.options.onUnreadableSnapshot?.(from.position, error);
      return PointInTimeReplay.start(this.events, options);
    }
  }

  private async advanceTakingSnapshots(replay: PointInTimeReplay): Promise<void> {
    for (;;) {
      const boundary = (Math.floor(replay.position / this.every) + 1) * this.every;
      await replay.advance(boundary);
      if (replay.reachedInstant || replay.position < boundary) break;
      await this.remember(replay);
    }
    // The view may have stopped at the boundary with events still to come below the instant.
    await replay.advance();
  }

  private async latestUsableFor(instant: number): Promise<PointInTimeSnapshot | undefined> {
    const { name, version } = this.projection;
    const usable = (await this.store.list(name, version)).filter((s) => s.recordedAt === null || Date.parse(s.recordedAt) <= instant);
    return usable.length === 0 ? undefined : this.store.load(name, version, usable[usable.length - 1].position);
  }

  /** Saves the replay's state as a snapshot, unless one is held at its position; whether it did. */
  private async remember(replay: PointInTimeReplay): Promise<boolean> {
    const held = await this.store.list(this.projection.name, this.projection.version);
    if (held.some((s) => s.position === replay.position)) return false;
    await this.store.save(replay.snapshot());
    return true;
  }
}
