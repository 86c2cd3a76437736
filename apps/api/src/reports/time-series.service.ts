import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { NotFoundError, StreamCategory, streamName } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import {
  CycleTimeline,
  SqliteTimelineCheckpointStore,
  TimeSeries,
  TimeSeriesInterval,
  TimelineCheckpoints,
  TimelineSegmentSource,
  computeTimeSeries,
  foldCycleTimeline,
  timeSeriesBoundaries,
} from '@okr/projections';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { CLOCK, Clock } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { TIME_SERIES_SETTINGS, TimeSeriesSettings } from './time-series-settings';
import { TimelineCheckpointWorkerWriter } from './timeline-checkpoint-worker-writer';
import { TimelineSegmentWorkers } from './timeline-segment-workers';

/**
 * Events read from the log per page: the most the fold holds at once besides its own compact state. Small, because
 * the API thread's young generation is small (192 MB heap): a page that outlives a scavenge is promoted.
 */
export const TIME_SERIES_PAGE_SIZE = 500;

/**
 * How long after an answer its timeline's checkpoint is saved (when due): the answer is streamed by then. Encoding
 * the state holds the event loop ~0.05 s for a million-event cycle; the checksum and the SQLite write (~0.2 s) are
 * done by a worker thread.
 */
const CHECKPOINT_SAVE_DELAY_MS = 1_000;

export interface TimeSeriesOptions {
  /** Only boundaries at or after this instant (ISO-8601). */
  from?: string;
  /** Only boundaries at or before this instant (ISO-8601). */
  to?: string;
  /** Called after each page of the log read (for progress bars): position reached, head. */
  onProgress?: (position: number, head: number) => void;
}

/**
 * GET /api/cycles/:id/timeseries: progress of every objective and key result of a cycle at each day or week
 * boundary, in effective time (see computeTimeSeries and docs/decisions/0014-time-series.md).
 *
 * The cycle's timeline is folded from the event log in one pass in log order, a page at a time (never the whole
 * log in memory; read lean when the store can, see foldCycleTimeline), and kept: the next question about the same cycle reads only the events appended since. One
 * timeline is kept (the last cycle asked about); folds are serialised so two requests never read into it at once.
 * On the embedded event store a long fold reads its later half in a worker thread meanwhile (TimelineSegmentWorkers).
 * With checkpoints configured, a timeline that folded far enough is saved after the answer (TimelineCheckpoints),
 * and the first question about a cycle after a restart starts from its checkpoint.
 */
@Injectable()
export class TimeSeriesService implements OnModuleDestroy {
  /** Events per page of the log read (tests lower it to exercise paging). */
  pageSize = TIME_SERIES_PAGE_SIZE;
  private kept: CycleTimeline | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly segments?: TimelineSegmentSource;
  private readonly parallelFrom?: number;
  private readonly checkpoints?: TimelineCheckpoints;
  private readonly saveCheckpoints: boolean;
  private readonly saveDelayMs: number;
  private closed = false;
  private readonly logger = new Logger('TimeSeries');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TIME_SERIES_SETTINGS) settings: TimeSeriesSettings | null = null,
  ) {
    if (settings?.segmentWorker) {
      this.segments = new TimelineSegmentWorkers(settings.segmentWorker.eventStoreFile);
      this.parallelFrom = settings.segmentWorker.from;
    }
    this.saveCheckpoints = settings?.checkpoints !== undefined && !settings.checkpoints.readonly;
    this.saveDelayMs = settings?.checkpoints?.saveDelayMs ?? CHECKPOINT_SAVE_DELAY_MS;
    if (settings?.checkpoints) this.checkpoints = this.openCheckpoints(settings.checkpoints);
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true; // saves not started yet are dropped
    // After a save in progress (folds and saves are serialised).
    return this.serialised(async () => this.checkpoints?.close());
  }

  async series(tenantId: string, cycleId: string, interval: TimeSeriesInterval, options: TimeSeriesOptions = {}): Promise<TimeSeries> {
    const from = options.from === undefined ? undefined : Date.parse(options.from);
    const to = options.to === undefined ? undefined : Date.parse(options.to);
    if (from !== undefined && to !== undefined && from > to)
      throw new InvalidRequestException([{ field: 'to', message: 'to must not be earlier than from' }]);
    await this.assertCycle(tenantId, cycleId);
    const now = this.clock.now().getTime();
    const timeline = await this.serialised(() => this.fold(tenantId, cycleId, options.onProgress));
    this.checkpointSoon(timeline);
    if (!timeline.cycle) throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
    return computeTimeSeries(timeline, interval, timeSeriesBoundaries(timeline.cycle, interval, { now, from, to }));
  }

  /** 404 unless the cycle's stream exists and is the tenant's (before any long read). */
  private async assertCycle(tenantId: string, cycleId: string): Promise<void> {
    const [first] = await this.events.readStream(streamName(StreamCategory.cycle, cycleId), { maxCount: 1 });
    if (!first || first.type !== 'CycleScheduled' || first.metadata.tenantId !== tenantId)
      throw new NotFoundError('cycle.not_found', `Cycle ${cycleId} not found`);
  }

  /** The cycle's timeline caught up with the log's head as it is now. */
  private async fold(tenantId: string, cycleId: string, onProgress?: (position: number, head: number) => void): Promise<CycleTimeline> {
    const kept = this.kept;
    this.kept = null; // a fold that fails half-way leaves nothing half-read behind
    const head = await this.events.headPosition();
    const timeline =
      kept && kept.tenantId === tenantId && kept.cycleId === cycleId ? kept : await this.restoredOrNew(tenantId, cycleId, head);
    await foldCycleTimeline(this.events, timeline, head, {
      pageSize: this.pageSize,
      onProgress,
      segments: this.segments,
      parallel: { from: this.parallelFrom },
      onSegmentFailure: (error) =>
        this.logger.warn(
          `Reading half of the log in a worker failed (${error instanceof Error ? error.message : String(error)}); read on this thread instead`,
        ),
    });
    this.kept = timeline;
    return timeline;
  }

  /** The cycle's checkpointed timeline when there is a usable one, else a new one (folded from the start). */
  private async restoredOrNew(tenantId: string, cycleId: string, head: number): Promise<CycleTimeline> {
    if (!this.checkpoints) return new CycleTimeline(tenantId, cycleId);
    const restored = await this.checkpoints.restore(tenantId, cycleId, head);
    if (restored.timeline) return restored.timeline;
    if (restored.reason !== 'no checkpoint yet')
      this.logger.warn(`Cycle ${cycleId}: folding from the start of the log, ${restored.reason}`);
    return new CycleTimeline(tenantId, cycleId);
  }

  /** Saves the timeline's checkpoint, when due, once the answer is sent (a failure only costs the next restart's fold). */
  private checkpointSoon(timeline: CycleTimeline): void {
    const checkpoints = this.checkpoints;
    if (!checkpoints || !this.saveCheckpoints) return;
    const timer = setTimeout(() => {
      if (this.closed) return;
      void this.serialised(async () => !this.closed && checkpoints.saveIfDue(timeline)).catch((error: unknown) =>
        this.logger.warn(
          `Cycle ${timeline.cycleId}: the timeline checkpoint was not saved (${error instanceof Error ? error.message : String(error)})`,
        ),
      );
    }, this.saveDelayMs);
    timer.unref();
  }

  private openCheckpoints(settings: NonNullable<TimeSeriesSettings['checkpoints']>): TimelineCheckpoints | undefined {
    try {
      return new TimelineCheckpoints(this.events, new SqliteTimelineCheckpointStore(settings.file, { readonly: settings.readonly }), {
        saveEvery: settings.saveEvery,
        now: () => this.clock.now(),
        // Sealed and written in a worker thread: this thread only encodes the state.
        writer: new TimelineCheckpointWorkerWriter(settings.file),
      });
    } catch (error) {
      if (!settings.readonly)
        this.logger.warn(
          `Timeline checkpoints off: ${settings.file} cannot be opened (${error instanceof Error ? error.message : String(error)})`,
        );
      return undefined;
    }
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
