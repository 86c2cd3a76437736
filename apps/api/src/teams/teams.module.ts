import { Module } from '@nestjs/common';
import { CreateTeamHandler } from './create-team.handler';
import { TeamsController } from './teams.controller';
import { UpdateTeamHandler } from './update-team.handler';

@Module({
  controllers: [TeamsController],
  providers: [CreateTeamHandler, UpdateTeamHandler],
})
export class TeamsModule {}
