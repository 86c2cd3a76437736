import { Module } from '@nestjs/common';
import { ArchiveObjectiveHandler } from './archive-objective.handler';
import { CarryOverObjectiveHandler } from './carry-over-objective.handler';
import { CloseObjectiveHandler } from './close-objective.handler';
import { CreateObjectiveHandler } from './create-objective.handler';
import { ObjectivesController } from './objectives.controller';
import { SetObjectiveParentHandler } from './set-objective-parent.handler';
import { UpdateObjectiveHandler } from './update-objective.handler';

@Module({
  controllers: [ObjectivesController],
  providers: [
    CreateObjectiveHandler,
    UpdateObjectiveHandler,
    SetObjectiveParentHandler,
    CloseObjectiveHandler,
    ArchiveObjectiveHandler,
    CarryOverObjectiveHandler,
  ],
})
export class ObjectivesModule {}
