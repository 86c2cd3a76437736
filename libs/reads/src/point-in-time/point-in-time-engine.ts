import { BUDGET } from '@okr/budget';
import { EventStore } from '@okr/event-store';
import { MemorySnapshotStore, PointInTimeSnapshots, PointInTimeSnapshotStore } from '@okr/projections';
import { NotFoundError } from '@okr/domain';
import { LRUCache } from 'lru-cache';
import { Clock, ReadModels } from '@okr/platform';
import { CycleDiffBody, diffCycle } from '../views/cycle-diff';
import { cycleDiffSide } from '../views/cycle-diff-side';
import { attachRecordedChanges } from '../views/cycle-diff-changes';
import { AlignmentAnswer, AlignmentTree } from '../views/alignment-tree';
import { buildAlignmentTree } from '../views/alignment.query';
import { OkrQueries } from '../views/okr-queries';

/** A clock that always says `instant`: the live queries then compute statuses for it. */
export function clockAt(instant: number): Clock {
  return { now: () => new Date(instant) };
}

export function unreadableSnapshotMessage(position: number, error: unknown): string {
  return `Point-in-time snapshot at position ${position} cannot be read (${error instanceof Error ? error.message : String(error)}); replaying from the beginning instead`;
}

export interface PointInTimeEngineOptions {
  /** Where snapshots are persisted; unset: the `keepSnapshots` most recently used in memory (compressed; default: the budget's). */
  snapshotStore?: PointInTimeSnapshotStore;
  keepSnapshots?: number;
  /** A snapshot every this many positions (default: the budget's `replays.snapshotEveryEvents`). */
  snapshotEvery?: number;
  /** Told about a stored snapshot that could not be read (the question is then replayed from the beginning). */
  onUnreadableSnapshot?: (position: number, error: unknown) => void;
}

/**
 * The point-in-time answers themselves, with no Nest and no HTTP: replays (from snapshots) into plain documents
 * and runs the live query code over them with the instant as "now". Used in the API process, or in the
 * point-in-time worker thread (its own heap) — the same code either way. One replayed state at a time: the last
 * one of an instant the log has passed is kept for the next questions about it, and forgotten before any other
 * replay, so that the heap never holds two.
 */
export class PointInTimeEngine {
  private readonly snapshots: PointInTimeSnapshots;
  private last?: { instant: number; models: ReadModels };
  /** Alignment trees of final instants, by instant, tenant and cycle. */
  private readonly trees = new LRUCache<string, AlignmentTree>({ max: BUDGET.replayWorker.alignmentTrees });

  constructor(
    private readonly events: EventStore,
    options: PointInTimeEngineOptions,
  ) {
    this.snapshots = new PointInTimeSnapshots(events, {
      store: options.snapshotStore ?? new MemorySnapshotStore(options.keepSnapshots ?? BUDGET.replayWorker.memorySnapshots),
      every: options.snapshotEvery,
      onUnreadableSnapshot: options.onUnreadableSnapshot,
    });
  }

  /**
   * GET /api/objectives/:id?asOf=T (instant: epoch ms, validated by the caller): from the kept state of that instant
   * if there is one (an alignment asked about it), else from a replay of the objective's own streams over the
   * nearest snapshot (PointInTimeSnapshots.objectiveAt), else (far from any snapshot) from a full replay.
   */
  async objective(tenantId: string, objectiveId: string, instant: number) {
    let models = this.last?.instant === instant ? this.last.models : undefined;
    if (!models) {
      this.last = undefined;
      const store = await this.snapshots.objectiveAt(objectiveId, instant);
      models = store ? new ReadModels(store) : (await this.modelsAt(instant)).models;
    }
    return new OkrQueries(models, clockAt(instant)).objective(tenantId, objectiveId);
  }

  /** GET /api/cycles/:id/alignment?asOf=T */
  async alignment(tenantId: string, cycleId: string, instant: number, gzip: boolean): Promise<AlignmentAnswer> {
    const key = `${instant}\u0000${tenantId}\u0000${cycleId}`;
    const cached = this.trees.get(key);
    if (cached) return cached.answerAt(instant, gzip);
    const { models, final } = await this.modelsAt(instant);
    const tree = await buildAlignmentTree(models, tenantId, cycleId);
    // Only a final instant's tree stays right (see modelsAt).
    if (final) this.trees.set(key, tree);
    return tree.answerAt(instant, gzip);
  }

  /**
   * GET /cycles/:id/diff: the cycle replayed at `to` and at `from` (one state at a time: the first side's documents
   * are all that is kept of the first replay), and what changed between them (diffCycle). 404 when the cycle did
   * not exist at `to`. With each moved target and weight, its recorded changes (who, when, why); the caller names
   * the people (CycleDiffService).
   */
  async cycleDiff(tenantId: string, cycleId: string, from: number, to: number): Promise<CycleDiffBody> {
    const after = await cycleDiffSide((await this.modelsAt(to)).models, to, tenantId, cycleId);
    if (!after) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    const before = await cycleDiffSide((await this.modelsAt(from)).models, from, tenantId, cycleId);
    const body = diffCycle(before, after);
    await attachRecordedChanges(this.events, body, from, to);
    return body;
  }

  /** Builds the snapshots a replay to the head would leave (see PointInTimeSnapshots.buildAhead). */
  buildSnapshotsAhead(shouldStop?: () => boolean | Promise<boolean>): Promise<number> {
    this.last = undefined;
    return this.snapshots.buildAhead(shouldStop);
  }

  /** Forgets the kept state and trees (their memory goes back to the heap). */
  dropCachedStates(): void {
    this.last = undefined;
    this.trees.clear();
  }

  /**
   * The read models at the instant, and whether they are final: an instant the log has moved past (up to the head,
   * later appends recorded before it may follow). Only a final state is kept.
   */
  async modelsAt(instant: number): Promise<{ models: ReadModels; final: boolean }> {
    if (this.last?.instant === instant) return { models: this.last.models, final: true };
    this.last = undefined;
    const state = await this.snapshots.stateAt(instant);
    const models = new ReadModels(state.store);
    if (state.reachedInstant) this.last = { instant, models };
    return { models, final: state.reachedInstant };
  }
}
