import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { EventStore } from '@okr/event-store';
import { PointInTimeSnapshots, PointInTimeState } from '@okr/projections';
import { heapFigures, replayFits, snapshotsToKeep } from './replay-memory';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { CLOCK, Clock } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { AlignmentAnswer } from '../queries/alignment-tree';
import { buildAlignmentTree } from '../queries/alignment.query';
import { OkrQueries } from '../queries/okr-queries';
import { ReadModels } from '../read-side/read-models';

/** Replayed states kept for repeated questions about the same instants (each holds every mutable document). */
const CACHED_STATES = 2;

/** A clock that always says `instant`: the live queries then compute statuses for it. */
function clockAt(instant: number): Clock {
  return { now: () => new Date(instant) };
}

/**
 * Point-in-time answers (`?asOf=T`): the okr projection is replayed over the events recorded up to T into an
 * in-memory store, and the very query code of the live endpoints runs over it with T as "now" — so an asOf
 * answer equals what the live endpoint answered at T, by construction. Replays start from checkpointed
 * snapshots (see PointInTimeSnapshots). See docs/decisions/0013-point-in-time.md.
 */
@Injectable()
export class PointInTimeQueries {
  private snapshots?: PointInTimeSnapshots;
  /** Replayed read models by instant, only for instants the log has moved past (those never change). */
  private readonly states = new Map<number, Promise<{ state: PointInTimeState; models: ReadModels }>>();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly live: ReadModels,
  ) {}

  /** Documents a replay holds: those of the mutable collections, as the live read models count them now. */
  private async documentCount(): Promise<number> {
    const collections = await Promise.all([this.live.objectives(), this.live.keyResults(), this.live.initiatives(), this.live.teams(), this.live.users(), this.live.cycles()]);
    const counts = await Promise.all(collections.map((collection) => collection.count()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Refuses (503, never an out-of-memory crash) a replay the heap cannot hold, after dropping cached states;
   * sizes the snapshot cache to the heap on first use.
   */
  private async ensureMemoryFor(): Promise<PointInTimeSnapshots> {
    const documents = await this.documentCount();
    this.snapshots ??= new PointInTimeSnapshots(this.events, { keep: snapshotsToKeep(documents, heapFigures()) });
    if (replayFits(documents, heapFigures()).fits) return this.snapshots;
    this.states.clear();
    const { fits, neededBytes } = replayFits(documents, heapFigures());
    if (fits) return this.snapshots;
    const limitMb = Math.round(heapFigures().limit / 1e6);
    throw new ServiceUnavailableException(
      `A point-in-time view of these ${documents.toLocaleString('en')} documents needs about ${Math.round(neededBytes / 1e6)} MB of heap; this process has ${limitMb} MB (raise --max-old-space-size, package.json config.apiNodeOptions)`,
    );
  }

  /** GET /api/objectives/:id?asOf=T */
  async objective(tenantId: string, objectiveId: string, asOf: string) {
    const instant = this.instantOf(asOf);
    const { models } = await this.modelsAt(instant);
    return new OkrQueries(models, clockAt(instant)).objective(tenantId, objectiveId);
  }

  /** GET /api/cycles/:id/alignment?asOf=T */
  async alignment(tenantId: string, cycleId: string, asOf: string, gzip: boolean): Promise<AlignmentAnswer> {
    const instant = this.instantOf(asOf);
    const { models } = await this.modelsAt(instant);
    const tree = await buildAlignmentTree(models, tenantId, cycleId);
    return tree.answerAt(instant, gzip);
  }

  /** The read models as recorded up to `asOf` (validated like `asOf`), and the instant. */
  async readModelsAt(asOf: string, field = 'asOf'): Promise<{ instant: number; models: ReadModels }> {
    const instant = this.instantOf(asOf, field);
    return { instant, models: (await this.modelsAt(instant)).models };
  }

  /** The instant of a validated `asOf` (ISO-8601 with a timezone); the future is refused (nothing is known of it yet). */
  private instantOf(asOf: string, field = 'asOf'): number {
    const instant = Date.parse(asOf);
    if (Number.isNaN(instant)) throw new InvalidRequestException([{ field, message: `${field} must be an ISO-8601 timestamp with a timezone, e.g. 2026-03-01T09:30:00Z` }]);
    if (instant > this.clock.now().getTime()) throw new InvalidRequestException([{ field, message: `${field} must not be in the future` }]);
    return instant;
  }

  private async modelsAt(instant: number): Promise<{ state: PointInTimeState; models: ReadModels }> {
    const cached = this.states.get(instant);
    if (cached) {
      this.states.delete(instant);
      this.states.set(instant, cached);
      return cached;
    }
    const snapshots = await this.ensureMemoryFor();
    const replayed = snapshots.stateAt(instant).then((state) => ({ state, models: new ReadModels(state.store) }));
    const result = await replayed;
    // Only an instant the log has moved past is final: up to the head, later appends recorded before it may follow.
    if (result.state.reachedInstant) {
      this.states.set(instant, replayed);
      while (this.states.size > CACHED_STATES) this.states.delete(this.states.keys().next().value!);
    }
    return result;
  }
}
