import { Module } from '@nestjs/common';
import { CreateInitiativeHandler } from './create-initiative.handler';
import { InitiativesController } from './initiatives.controller';
import { UpdateInitiativeHandler } from './update-initiative.handler';

@Module({
  controllers: [InitiativesController],
  providers: [CreateInitiativeHandler, UpdateInitiativeHandler],
})
export class InitiativesModule {}
