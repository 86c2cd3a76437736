import { Module } from '@nestjs/common';
import { CycleEventExport } from '@okr/reads';
import { CycleEventsController } from './cycle-events.controller';

/** A cycle's events, exported (JSON lines or CSV) from its streams. */
@Module({
  controllers: [CycleEventsController],
  providers: [CycleEventExport],
})
export class ExportModule {}
