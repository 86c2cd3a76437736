import { Module } from '@nestjs/common';
import { PointInTimeQueries } from './point-in-time.service';

/** ?asOf answers (replays of the log up to a time), for the queries and reports that take it. */
@Module({
  providers: [PointInTimeQueries],
  exports: [PointInTimeQueries],
})
export class PointInTimeModule {}
