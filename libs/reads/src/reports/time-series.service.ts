import { Inject, Injectable } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { NotFoundError, StreamCategory, streamName } from '@okr/domain';
import { EventStore } from '@okr/event-store';
import {
  CycleTimeline,
  TimeSeries,
  TimeSeriesInterval,
  computeTimeSeries,
  foldCycleTimeline,
  timeSeriesBoundaries,
} from '@okr/projections';
import { InvalidRequestException, CLOCK, Clock, EVENT_STORE } from '@okr/platform';

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
 * log in memory; read lean when the store can, see foldCycleTimeline), and kept: the next question about the same
 * cycle reads only the events appended since. One timeline is kept (the last cycle asked about); folds are
 * serialised so two requests never read into it at once.
 */
@Injectable()
export class TimeSeriesService {
  /** Events per page of the log read: the most the fold holds at once besides its own compact state (tests lower it to exercise paging). */
  pageSize: number = BUDGET.logReads.timeSeriesPageEvents;
  private kept: CycleTimeline | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async series(tenantId: string, cycleId: string, interval: TimeSeriesInterval, options: TimeSeriesOptions = {}): Promise<TimeSeries> {
    const from = options.from === undefined ? undefined : Date.parse(options.from);
    const to = options.to === undefined ? undefined : Date.parse(options.to);
    if (from !== undefined && to !== undefined && from > to)
      throw new InvalidRequestException([{ field: 'to', message: 'to must not be earlier than from' }]);
    await this.assertCycle(tenantId, cycleId);
    const now = this.clock.now().getTime();
    const timeline = await this.serialised(() => this.fold(tenantId, cycleId, options.onProgress));
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
    const timeline = kept && kept.tenantId === tenantId && kept.cycleId === cycleId ? kept : new CycleTimeline(tenantId, cycleId);
    await foldCycleTimeline(this.events, timeline, head, { pageSize: this.pageSize, onProgress });
    this.kept = timeline;
    return timeline;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
