import { Module } from '@nestjs/common';
import { CloseCycleHandler } from './close-cycle.handler';
import { CyclesController } from './cycles.controller';
import { ScheduleCycleHandler } from './schedule-cycle.handler';

@Module({
  controllers: [CyclesController],
  providers: [ScheduleCycleHandler, CloseCycleHandler],
})
export class CyclesModule {}
