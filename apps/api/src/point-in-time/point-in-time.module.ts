import { Module } from '@nestjs/common';
import { PointInTimeQueries } from '@okr/reads';

/** ?asOf answers (replays of the log up to a time), for the queries and reports that take it. */
@Module({
  providers: [PointInTimeQueries],
  exports: [PointInTimeQueries],
})
export class PointInTimeModule {}
