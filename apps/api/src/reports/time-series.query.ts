import { ApiPropertyOptional } from '@nestjs/swagger';
import { TIME_SERIES_INTERVALS, TimeSeriesInterval } from '@okr/projections';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDateTime } from '../http/validators';

export const TIME_SERIES_FORMATS = ['json', 'csv'] as const;
export type TimeSeriesFormat = (typeof TIME_SERIES_FORMATS)[number];

/** Query of GET /cycles/:id/timeseries. */
export class TimeSeriesQuery {
  @ApiPropertyOptional({
    enum: TIME_SERIES_INTERVALS,
    default: 'week',
    description: 'a point at the end of each day, or of each week counted from the cycle start; the last at the cycle end (or now)',
  })
  @IsOptional()
  @IsIn(TIME_SERIES_INTERVALS, { message: 'interval must be day or week' })
  interval?: TimeSeriesInterval;

  @ApiPropertyOptional({
    enum: TIME_SERIES_FORMATS,
    default: 'json',
    description: 'JSON (columnar, one array per entity aligned with boundaries) or CSV (one row per boundary and entity)',
  })
  @IsOptional()
  @IsIn(TIME_SERIES_FORMATS, { message: 'format must be json or csv' })
  format?: TimeSeriesFormat;

  @ApiPropertyOptional({
    description: 'only boundaries at or after this instant (ISO-8601 with a timezone)',
    example: '2026-02-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'only boundaries at or before this instant (ISO-8601 with a timezone)',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}
