import { BUDGET } from '@okr/budget';
import { EventStore, StoredEvent } from '@okr/event-store';
import { ReadModelStore } from '@okr/read-model';
import { okrProjection } from '../okr/okr.projection';
import { Projection } from '../projection';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { RecordedUntilEventStore } from './recorded-until-event-store';
import { replayBatch } from './replay-batch';
import { ReplayDocuments } from './replay-documents';
import { ReplayDocumentsStore } from './replay-documents-store';
import { decodeDocuments, encodeDocuments } from './snapshot-codec';

export interface ReplayOptions {
  /** Epoch milliseconds: replay the events recorded at or before it (a prefix of the log, see RecordedUntilEventStore). */
  recordedAtOrBefore: number;
  /** Start from this state instead of from the beginning of the log (same projection and version; not later than the instant). */
  from?: PointInTimeSnapshot;
  /** Default: the okr projection. */
  projection?: Projection;
  /** Events per batch (any size gives the same documents: the projection settles per batch exactly). Default: the budget's. */
  batchSize?: number;
}

/** The documents of a projection as they stood after `position`, in a store the live queries can read. */
export interface PointInTimeState {
  /** Holds the projection's collections (the write-only ones read as empty). Read-only. */
  readonly store: ReadModelStore;
  /** Global position of the last event replayed (0: none). */
  readonly position: number;
  /** The latest recordedAt among the events replayed (null: none). */
  readonly recordedAt: string | null;
  /**
   * True when the replay met an event recorded after the instant: the state is final. False when it reached
   * the head first: events recorded before the instant may still be appended (an instant now or ahead).
   */
  readonly reachedInstant: boolean;
}

/** The mutable (kept) collections of a projection: all but the write-only ones. */
export function keptCollections(projection: Projection): string[] {
  return projection.collections.filter((spec) => !spec.writeOnly).map((spec) => spec.name);
}

/**
 * Replays the REAL projection over the events recorded at or before an instant into plain in-memory documents
 * (see replayBatch): the documents are exactly those the live projection had stored once it had projected the
 * same events, so the live query code run over `store` answers what the live endpoints answered then.
 * Write-only collections are not kept. `advance` may stop at intermediate positions to take
 * snapshots on the way.
 */
export class PointInTimeReplay implements PointInTimeState {
  private current: number;
  private latestRecordedAt: string | null;
  readonly store: ReadModelStore;

  private constructor(
    readonly documents: ReplayDocuments,
    private readonly view: RecordedUntilEventStore,
    private readonly projection: Projection,
    private readonly batchSize: number,
    from: PointInTimeSnapshot | undefined,
  ) {
    this.current = from?.position ?? 0;
    this.latestRecordedAt = from?.recordedAt ?? null;
    // A live view of the documents; its checkpoint follows the replay.
    this.store = new ReplayDocumentsStore(documents, (name) => (name === projection.name ? this.current : 0));
  }

  static async start(events: EventStore, options: ReplayOptions): Promise<PointInTimeReplay> {
    const projection = options.projection ?? okrProjection;
    const from = options.from;
    if (from) {
      if (from.projection !== projection.name || from.version !== projection.version) {
        throw new Error(
          `A snapshot of projection ${from.projection} v${from.version} cannot start a replay of ${projection.name} v${projection.version}`,
        );
      }
      if (from.recordedAt !== null && Date.parse(from.recordedAt) > options.recordedAtOrBefore)
        throw new RangeError('The snapshot is later than the instant to replay to');
    }
    const batchSize = options.batchSize ?? BUDGET.replays.batchEvents;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const documents = new ReplayDocuments(keptCollections(projection));
    if (from) await decodeDocuments(from.chunks, documents);
    const view = new RecordedUntilEventStore(events, options.recordedAtOrBefore);
    return new PointInTimeReplay(documents, view, projection, batchSize, from);
  }

  /** Replays on until the instant, or until `positionAtMost` if given (then call again to go on). */
  async advance(positionAtMost?: number): Promise<void> {
    this.view.positionAtMost = positionAtMost;
    for (;;) {
      const events = await this.view.readAll({ after: this.current, maxCount: this.batchSize });
      if (events.length === 0) return;
      await this.replay(events);
    }
  }

  /** The events from here up to the instant, read and not replayed; undefined if there are more than `atMost`. */
  async readAhead(atMost: number): Promise<StoredEvent[] | undefined> {
    this.view.positionAtMost = undefined;
    const events: StoredEvent[] = [];
    for (let after = this.current; ; after = events[events.length - 1].position) {
      const batch = await this.view.readAll({ after, maxCount: this.batchSize });
      if (batch.length === 0) return events;
      for (const event of batch) events.push(event);
      if (events.length > atMost) return undefined;
    }
  }

  /** Projects the next events in log order (or some of them: see PointInTimeSnapshots.objectiveAt), in one batch. */
  async replay(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await replayBatch(this.projection, this.documents, events);
    for (const event of events) {
      const at = event.metadata.recordedAt;
      if (this.latestRecordedAt === null || Date.parse(at) > Date.parse(this.latestRecordedAt)) this.latestRecordedAt = at;
    }
    this.current = events[events.length - 1].position;
  }

  get position(): number {
    return this.current;
  }

  get recordedAt(): string | null {
    return this.latestRecordedAt;
  }

  /** True once the replay met an event recorded after the instant (it cannot go further). */
  get reachedInstant(): boolean {
    return this.view.reachedInstant;
  }

  /** The state as it stands, as a snapshot a later replay can start from (a compressed copy: advancing does not change it). */
  snapshot(): PointInTimeSnapshot {
    return {
      projection: this.projection.name,
      version: this.projection.version,
      position: this.position,
      recordedAt: this.recordedAt,
      chunks: encodeDocuments(this.documents),
    };
  }
}

/** The projection's documents as they stood once every event recorded at or before the instant was projected. */
export async function replayUntil(events: EventStore, options: ReplayOptions): Promise<PointInTimeState> {
  const replay = await PointInTimeReplay.start(events, options);
  await replay.advance();
  return replay;
}
