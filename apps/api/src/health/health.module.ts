import { Module } from '@nestjs/common';
import { PointInTimeModule } from '../point-in-time/point-in-time.module';
import { ReadSideModule } from '../read-side/read-side.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [ReadSideModule, PointInTimeModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
