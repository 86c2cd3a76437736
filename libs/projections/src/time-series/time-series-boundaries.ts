import { endOfDay, startOfDay } from '@okr/domain';

export const TIME_SERIES_INTERVALS = ['day', 'week'] as const;
export type TimeSeriesInterval = (typeof TIME_SERIES_INTERVALS)[number];

const DAY = 24 * 60 * 60 * 1000;
const STEP: Record<TimeSeriesInterval, number> = { day: DAY, week: 7 * DAY };

export interface BoundaryOptions {
  /** The clock: no boundary after it is reported; a running cycle ends its series at `now` itself. */
  now: number;
  /** Only boundaries at or after this instant. */
  from?: number;
  /** Only boundaries at or before this instant. */
  to?: number;
}

/**
 * The instants a time series reports, in increasing order (ms since the epoch, UTC — cycles are calendar dates
 * read as UTC days, as everywhere in the domain). Each is the END of an interval: the start of the cycle's first
 * day plus 1, 2, … days (or weeks), the last one cut by the cycle's end (the first instant after its last day).
 * The state "at" a boundary is the state including everything at or before that instant, as `asOf` reads it.
 *
 * Boundaries after `now` are not reported; while the cycle runs, `now` itself closes the series (the current,
 * unfinished interval). Before the cycle starts there is none.
 */
export function timeSeriesBoundaries(
  cycle: { startsOn: string; endsOn: string },
  interval: TimeSeriesInterval,
  options: BoundaryOptions,
): number[] {
  const start = startOfDay(cycle.startsOn);
  const end = endOfDay(cycle.endsOn);
  const step = STEP[interval];
  const boundaries: number[] = [];
  for (let at = start + step; at < end; at += step) boundaries.push(at);
  boundaries.push(end);
  const reported = boundaries.filter((at) => at <= options.now);
  if (options.now > start && options.now < end && reported[reported.length - 1] !== options.now) reported.push(options.now);
  return reported.filter((at) => (options.from === undefined || at >= options.from) && (options.to === undefined || at <= options.to));
}
