import { Module } from '@nestjs/common';
import { PointInTimeModule } from '../point-in-time/point-in-time.module';
import { ReadSideModule } from '../read-side/read-side.module';
import { AlignmentQuery, OkrQueries } from '@okr/reads';
import { CheckInSeries } from './check-in-series';
import { CycleQueriesController } from './cycle-queries.controller';
import { KeyResultQueriesController } from './key-result-queries.controller';
import { ObjectiveQueriesController } from './objective-queries.controller';
import { TeamQueriesController } from './team-queries.controller';

/** The GET endpoints over the read models (and their ?asOf replays). */
@Module({
  imports: [ReadSideModule, PointInTimeModule],
  controllers: [CycleQueriesController, TeamQueriesController, ObjectiveQueriesController, KeyResultQueriesController],
  providers: [OkrQueries, CheckInSeries, AlignmentQuery],
})
export class QueriesModule {}
