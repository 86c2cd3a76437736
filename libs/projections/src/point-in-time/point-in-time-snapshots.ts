import { EventStore } from '@okr/event-store';
import { okrProjection } from '../okr/okr.projection';
import { Projection } from '../projection';
import { ObjectiveHistory } from './objective-history';
import { ObjectiveAt, objectiveDocumentsAt } from './objective-documents-at';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { MemorySnapshotStore, PointInTimeSnapshotStore } from './point-in-time-snapshot-store';
import { PointInTimeReplay, PointInTimeState } from './replay-until';

/** buildAhead asks whether to stop at least every this many positions. */
const AHEAD_STEP = 5_000;

export interface PointInTimeSnapshotsOptions {
  /**
   * A snapshot is taken at every multiple of this many positions a replay passes. Default 25,000: a question
   * replays at most that many events after loading one (~11 MB compressed per snapshot for 85,000 documents).
   */
  every?: number;
  /** At most this many snapshots are kept in memory (the least recently used go). Default 8. */
  keep?: number;
  /** Where snapshots are also persisted (e.g. a SqliteSnapshotStore); default: memory only. */
  store?: PointInTimeSnapshotStore;
  projection?: Projection;
  batchSize?: number;
  /** Told about a snapshot that could not be read (the replay then starts from the beginning of the log). */
  onUnreadableSnapshot?: (position: number, error: unknown) => void;
  /**
   * Keep an objective history (okr projection only; see ObjectiveHistory): `buildAhead` extends it up to the head
   * (after the snapshots), so does a question's replay that starts where it ends, and `objectiveAt` answers from it. Its memory: for 10,000 objectives and a million
   * events, see docs/decisions/0013. Default false.
   */
  objectiveHistory?: boolean;
}

/**
 * Point-in-time states with checkpoints: replays start from the latest snapshot usable for the instant (in
 * memory or persisted), and leave snapshots behind at every `every`-th position they pass (built lazily, by
 * the replays that need them, or ahead of time by `buildAhead`). A snapshot at a fixed position never goes
 * stale: the log below the head is append-only.
 */
export class PointInTimeSnapshots {
  private readonly every: number;
  private readonly memory: MemorySnapshotStore;
  private readonly projection: Projection;
  /** The objective history, if kept. */
  readonly history?: ObjectiveHistory;

  constructor(
    private readonly events: EventStore,
    private readonly options: PointInTimeSnapshotsOptions = {},
  ) {
    this.every = options.every ?? 25_000;
    if (!Number.isSafeInteger(this.every) || this.every < 1) throw new RangeError('every must be a positive integer');
    this.memory = new MemorySnapshotStore(options.keep ?? 8);
    this.projection = options.projection ?? okrProjection;
    if (options.objectiveHistory) {
      if (this.projection !== okrProjection) throw new Error('The objective history follows the okr projection only');
      this.history = new ObjectiveHistory();
    }
  }

  /**
   * The documents one objective's answer reads at `instant` (its own, its key results', their initiatives', its
   * cycle's), from its own streams and the objective history, when the history covers the instant (see
   * objectiveDocumentsAt); otherwise says why not, and the caller replays.
   */
  async objectiveAt(objectiveId: string, instant: number): Promise<ObjectiveAt> {
    if (!this.history) return { kind: 'not-covered' };
    return objectiveDocumentsAt(this.events, this.history, objectiveId, instant);
  }

  /** How many snapshots are held in memory. */
  get size(): number {
    return this.memory.size;
  }

  /** The documents as they stood once every event recorded at or before `instant` (epoch ms) was projected. */
  async stateAt(instant: number): Promise<PointInTimeState> {
    // A replay that starts where the objective history ends (on a fresh store: from the beginning) extends it on
    // its way: the first full replay after start-up builds it, at about twice a batched replay's cost.
    const replay = await this.startReplay(instant, undefined, this.history);
    await this.advanceTakingSnapshots(replay);
    return replay;
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
      // In steps, asking between them whether to give way.
      while (replay.position < boundary) {
        if (await shouldStop()) return taken;
        const before = replay.position;
        await replay.advance(Math.min(boundary, before + AHEAD_STEP));
        if (replay.position === before) return taken;
      }
      if (!(await this.holds(replay.position))) {
        await this.remember(replay.snapshot());
        taken++;
      }
    }
    if (this.history) await this.extendHistory(head, shouldStop);
    return taken;
  }

  /**
   * Extends the objective history up to `head`: a replay of its own from the latest snapshot at or below the
   * history's position (settling after every event costs about twice a batched replay), giving way like
   * buildAhead. Snapshots go first (they serve every question), the history after.
   */
  private async extendHistory(head: number, shouldStop: () => boolean | Promise<boolean>): Promise<void> {
    const history = this.history!;
    if (history.broken || history.position >= head) return;
    const replay = await this.startReplay(Number.MAX_SAFE_INTEGER, history.position, history);
    while (replay.position < head) {
      if (await shouldStop()) return;
      const before = replay.position;
      await replay.advance(Math.min(head, before + AHEAD_STEP));
      if (replay.position === before) break;
    }
    history.trim();
  }

  /** Whether a snapshot at `position` is held, in memory or persisted. */
  private async holds(position: number): Promise<boolean> {
    const { name, version } = this.projection;
    if ((await this.memory.list(name, version)).some((s) => s.position === position)) return true;
    return !!this.options.store && (await this.options.store.list(name, version)).some((s) => s.position === position);
  }

  /** A replay to `instant` from the best snapshot; one that cannot be read (damaged, another format) counts as absent. */
  private async startReplay(
    instant: number,
    positionAtMost = Number.MAX_SAFE_INTEGER,
    history?: ObjectiveHistory,
  ): Promise<PointInTimeReplay> {
    const options = { recordedAtOrBefore: instant, projection: this.projection, batchSize: this.options.batchSize, history };
    const from = await this.latestUsableFor(instant, positionAtMost);
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
      await this.remember(replay.snapshot());
    }
    // The view may have stopped at the boundary with events still to come below the instant.
    await replay.advance();
  }

  private async latestUsableFor(instant: number, positionAtMost: number): Promise<PointInTimeSnapshot | undefined> {
    const { name, version } = this.projection;
    const usable = (infos: { position: number; recordedAt: string | null }[]) =>
      infos
        .filter((s) => s.position <= positionAtMost && (s.recordedAt === null || Date.parse(s.recordedAt) <= instant))
        .reduce((best, s) => Math.max(best, s.position), -1);
    const inMemory = usable(await this.memory.list(name, version));
    const persisted = this.options.store ? usable(await this.options.store.list(name, version)) : -1;
    if (inMemory < 0 && persisted < 0) return undefined;
    if (inMemory >= persisted) return this.memory.load(name, version, inMemory);
    const snapshot = await this.options.store!.load(name, version, persisted);
    if (snapshot) await this.memory.save(snapshot);
    return snapshot;
  }

  private async remember(snapshot: PointInTimeSnapshot): Promise<void> {
    await this.memory.save(snapshot);
    if (
      this.options.store &&
      !(await this.options.store.list(snapshot.projection, snapshot.version)).some((s) => s.position === snapshot.position)
    ) {
      await this.options.store.save(snapshot);
    }
  }
}
