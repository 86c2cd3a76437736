import { Module } from '@nestjs/common';
import { PointInTimeModule } from '../point-in-time/point-in-time.module';
import { CycleDiffService, TimeSeriesService } from '@okr/reads';
import { TargetChangesController } from './target-changes.controller';
import { TargetChangesService } from './target-changes.service';
import { TimeSeriesController } from './time-series.controller';

/** A cycle's target changes, its diff between two times, and its time series. */
@Module({
  imports: [PointInTimeModule],
  controllers: [TargetChangesController, TimeSeriesController],
  providers: [TargetChangesService, CycleDiffService, TimeSeriesService],
})
export class ReportsModule {}
