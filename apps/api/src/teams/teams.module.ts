import { Module } from '@nestjs/common';
import { CreateTeamHandler } from './create-team.handler';
import { ParentTeamResolver } from './parent-team.resolver';
import { TeamsController } from './teams.controller';
import { UpdateTeamHandler } from './update-team.handler';

@Module({
  controllers: [TeamsController],
  providers: [CreateTeamHandler, UpdateTeamHandler, ParentTeamResolver],
})
export class TeamsModule {}
