import { EventStore } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { okrProjection } from '../okr/okr.projection';
import { Projection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { RecordedUntilEventStore } from './recorded-until-event-store';
import { ReplayReadModelStore } from './replay-read-model-store';

export interface ReplayOptions {
  /** Epoch milliseconds: replay the events recorded at or before it (a prefix of the log, see RecordedUntilEventStore). */
  recordedAtOrBefore: number;
  /** Start from this state instead of from the beginning of the log (same projection and version; not later than the instant). */
  from?: PointInTimeSnapshot;
  /** Default: the okr projection. */
  projection?: Projection;
  /** Events per batch. Default 5000 (any size gives the same documents: the projection settles per batch exactly). */
  batchSize?: number;
}

/** The documents of a projection as they stood after `position`, in an in-memory store the live queries can read. */
export interface PointInTimeState {
  /** Holds the projection's collections (the write-only ones stay empty). */
  readonly store: ReadModelStore;
  /** Global position of the last event replayed (0: none). */
  readonly position: number;
  /** recordedAt of that event (null: none). */
  readonly recordedAt: string | null;
  /**
   * True when the replay met an event recorded after the instant: the state is final. False when it reached
   * the head first: events recorded before the instant may still be appended (an instant now or ahead).
   */
  readonly reachedInstant: boolean;
}

/** No bound on documents kept in memory: the replay is the only writer and keeps everything until the end. */
const RETAIN_ALL = { maxDocuments: Number.MAX_SAFE_INTEGER };

/**
 * Replays the REAL projection over the events recorded at or before an instant into a fresh in-memory store:
 * the documents are exactly those the live projection had stored once it had projected the same events, so
 * the live query code run over `store` answers what the live endpoints answered then. Write-only collections
 * (check-ins) are not kept. `advance` may stop at intermediate positions to take snapshots on the way.
 */
export class PointInTimeReplay implements PointInTimeState {
  private constructor(
    readonly store: ReplayReadModelStore,
    private readonly view: RecordedUntilEventStore,
    private readonly runner: ProjectionRunner,
    private readonly projection: Projection,
    private readonly from: PointInTimeSnapshot | undefined,
  ) {}

  static async start(events: EventStore, options: ReplayOptions): Promise<PointInTimeReplay> {
    const projection = options.projection ?? okrProjection;
    const from = options.from;
    if (from) {
      if (from.projection !== projection.name || from.version !== projection.version) {
        throw new Error(`A snapshot of projection ${from.projection} v${from.version} cannot start a replay of ${projection.name} v${projection.version}`);
      }
      if (from.recordedAt !== null && Date.parse(from.recordedAt) > options.recordedAtOrBefore) throw new RangeError('The snapshot is later than the instant to replay to');
    }
    const skipped = new Set(projection.collections.filter((spec) => spec.writeOnly).map((spec) => spec.name));
    const store = new ReplayReadModelStore(skipped);
    if (from) await store.load(projection.collections, from.documents, { projection: projection.name, position: from.position });
    const view = new RecordedUntilEventStore(events, options.recordedAtOrBefore);
    const runner = new ProjectionRunner(view, store, projection, { batchSize: options.batchSize ?? 5000, retain: RETAIN_ALL });
    await runner.init();
    return new PointInTimeReplay(store, view, runner, projection, from);
  }

  /** Replays on until the instant, or until `positionAtMost` if given (then call again to go on). */
  async advance(positionAtMost?: number): Promise<void> {
    this.view.positionAtMost = positionAtMost;
    // Until the bounded view runs dry (it ends at the instant, at positionAtMost or at the head).
    await this.runner.catchUp({ until: Number.MAX_SAFE_INTEGER });
  }

  get position(): number {
    return this.runner.position;
  }

  get recordedAt(): string | null {
    return this.view.lastEvent?.metadata.recordedAt ?? this.from?.recordedAt ?? null;
  }

  /** True once the replay met an event recorded after the instant (it cannot go further). */
  get reachedInstant(): boolean {
    return this.view.reachedInstant;
  }

  /** The state as it stands, as a snapshot a later replay can start from (a copy: advancing does not change it). */
  snapshot(): PointInTimeSnapshot {
    const documents = new Map<string, ReadonlyMap<string, string>>();
    for (const [collection, docs] of this.store.documents()) documents.set(collection, new Map(docs));
    return { projection: this.projection.name, version: this.projection.version, position: this.position, recordedAt: this.recordedAt, documents };
  }
}

/** The projection's documents as they stood once every event recorded at or before the instant was projected. */
export async function replayUntil(events: EventStore, options: ReplayOptions): Promise<PointInTimeState> {
  const replay = await PointInTimeReplay.start(events, options);
  await replay.advance();
  return replay;
}
