import { EventStore } from '@okr/event-store';
import { PointInTimeSnapshots, PointInTimeSnapshotStore, PointInTimeState } from '@okr/projections';
import { NotFoundError } from '@okr/domain';
import { Clock } from '../infrastructure/clock';
import { CycleDiffBody, diffCycle } from '../reports/cycle-diff';
import { cycleDiffSide } from '../reports/cycle-diff-side';
import { AlignmentAnswer, AlignmentTree } from '../queries/alignment-tree';
import { buildAlignmentTree } from '../queries/alignment.query';
import { OkrQueries } from '../queries/okr-queries';
import { ReadModels } from '../read-side/read-models';

/** Alignment trees kept for repeated questions about the same final instants (the answer is re-serialised only when statuses change: never, at one instant). */
const CACHED_TREES = 4;

/** A clock that always says `instant`: the live queries then compute statuses for it. */
export function clockAt(instant: number): Clock {
  return { now: () => new Date(instant) };
}

export function unreadableSnapshotMessage(position: number, error: unknown): string {
  return `Point-in-time snapshot at position ${position} cannot be read (${error instanceof Error ? error.message : String(error)}); replaying from the beginning instead`;
}

export interface PointInTimeEngineOptions {
  /** In-memory snapshots to keep (compressed). */
  keepSnapshots: number;
  /** Persisted snapshots, if any. */
  snapshotStore?: PointInTimeSnapshotStore;
  /** A snapshot every this many positions (default 25,000). */
  snapshotEvery?: number;
  /** Told about a stored snapshot that could not be read (the question is then replayed from the beginning). */
  onUnreadableSnapshot?: (position: number, error: unknown) => void;
  /** Replayed states kept for repeated questions about the same instants (each holds every mutable document). Default 2. */
  cachedStates?: number;
  /**
   * Forget the cached states before replaying to another instant, so that the heap never holds two states at
   * once (the worker's choice: its heap is bounded; a state of 10,000 objectives takes ~90 MB of heap and ~50 MB of snapshot text). Default false.
   */
  oneStateAtATime?: boolean;
  /**
   * Keep the objective history (PointInTimeSnapshots' objectiveHistory): objective questions at instants it covers
   * are answered from the objective's own streams and the history, in milliseconds; others replay. Its arrays take
   * memory (~50–70 MB for a million events): the worker keeps it, the API process does not. Default false.
   */
  objectiveHistory?: boolean;
  /** Told when the history could not answer a question it covers (never expected: the question is replayed instead). */
  onInconsistentHistory?: (reason: string) => void;
}

/**
 * The point-in-time answers themselves, with no Nest and no HTTP: replays (from snapshots) into plain documents
 * and runs the live query code over them with the instant as "now". Used in the API process, or in the
 * point-in-time worker thread (its own heap) — the same code either way.
 */
export class PointInTimeEngine {
  private readonly snapshots: PointInTimeSnapshots;
  /** Replayed read models by instant, only for instants the log has moved past (those never change). */
  private readonly states = new Map<number, Promise<{ state: PointInTimeState; models: ReadModels }>>();
  private readonly cachedStates: number;
  private readonly oneStateAtATime: boolean;
  /** Alignment trees of final instants, by instant, tenant and cycle. */
  private readonly trees = new Map<string, AlignmentTree>();
  private readonly onInconsistentHistory?: (reason: string) => void;
  /** How many objective questions the history answered, and how many were replayed. */
  readonly objectiveAnswers = { fromHistory: 0, replayed: 0 };

  constructor(events: EventStore, options: PointInTimeEngineOptions) {
    this.snapshots = new PointInTimeSnapshots(events, {
      keep: options.keepSnapshots,
      store: options.snapshotStore,
      every: options.snapshotEvery,
      onUnreadableSnapshot: options.onUnreadableSnapshot,
      objectiveHistory: options.objectiveHistory,
    });
    this.onInconsistentHistory = options.onInconsistentHistory;
    this.cachedStates = options.cachedStates ?? 2;
    this.oneStateAtATime = options.oneStateAtATime ?? false;
  }

  /** GET /api/objectives/:id?asOf=T (instant: epoch ms, validated by the caller). */
  async objective(tenantId: string, objectiveId: string, instant: number) {
    const cached = this.states.get(instant);
    if (!cached) {
      // The objective's own streams and the history, when it covers the instant (the same query code over them).
      const fast = await this.snapshots.objectiveAt(objectiveId, instant);
      if (fast.kind === 'answered') {
        this.objectiveAnswers.fromHistory++;
        return new OkrQueries(new ReadModels(fast.store), clockAt(instant)).objective(tenantId, objectiveId);
      }
      if (fast.kind === 'inconsistent') this.onInconsistentHistory?.(fast.reason);
    }
    this.objectiveAnswers.replayed++;
    const { models } = await this.modelsAt(instant);
    return new OkrQueries(models, clockAt(instant)).objective(tenantId, objectiveId);
  }

  /** GET /api/cycles/:id/alignment?asOf=T */
  async alignment(tenantId: string, cycleId: string, instant: number, gzip: boolean): Promise<AlignmentAnswer> {
    const key = `${instant}\u0000${tenantId}\u0000${cycleId}`;
    const cached = this.trees.get(key);
    if (cached) return cached.answerAt(instant, gzip);
    const { state, models } = await this.modelsAt(instant);
    const tree = await buildAlignmentTree(models, tenantId, cycleId);
    // Only a final instant's tree stays right (see modelsAt).
    if (state.reachedInstant) {
      this.trees.set(key, tree);
      while (this.trees.size > CACHED_TREES) this.trees.delete(this.trees.keys().next().value!);
    }
    return tree.answerAt(instant, gzip);
  }

  /**
   * GET /cycles/:id/diff: the cycle replayed at `to` and at `from` (one state at a time: the first side's documents
   * are all that is kept of the first replay), and what changed between them (diffCycle). 404 when the cycle did
   * not exist at `to`. Who changed targets and weights, and why, is added by the caller (CycleDiffService).
   */
  async cycleDiff(tenantId: string, cycleId: string, from: number, to: number): Promise<CycleDiffBody> {
    const after = await cycleDiffSide((await this.modelsAt(to)).models, to, tenantId, cycleId);
    if (!after) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    const before = await cycleDiffSide((await this.modelsAt(from)).models, from, tenantId, cycleId);
    return diffCycle(before, after);
  }

  /** Builds the snapshots a replay to the head would leave (see PointInTimeSnapshots.buildAhead). */
  buildSnapshotsAhead(shouldStop?: () => boolean | Promise<boolean>): Promise<number> {
    return this.snapshots.buildAhead(shouldStop);
  }

  /** Position up to which the objective history is recorded (undefined: none kept). */
  get objectiveHistoryPosition(): number | undefined {
    return this.snapshots.history?.position;
  }

  /** The objective history's sizes (undefined: none kept). */
  objectiveHistoryFigures() {
    return this.snapshots.history?.figures();
  }

  /** Forgets the cached replayed states (their memory goes back to the heap). */
  dropCachedStates(): void {
    this.states.clear();
    this.trees.clear();
  }

  async modelsAt(instant: number): Promise<{ state: PointInTimeState; models: ReadModels }> {
    const cached = this.states.get(instant);
    if (cached) {
      this.states.delete(instant);
      this.states.set(instant, cached);
      return cached;
    }
    if (this.oneStateAtATime) this.states.clear();
    const replayed = this.snapshots.stateAt(instant).then((state) => ({ state, models: new ReadModels(state.store) }));
    const result = await replayed;
    // Only an instant the log has moved past is final: up to the head, later appends recorded before it may follow.
    if (result.state.reachedInstant && this.cachedStates > 0) {
      this.states.set(instant, replayed);
      while (this.states.size > this.cachedStates) this.states.delete(this.states.keys().next().value!);
    }
    return result;
  }
}
