import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { OkrQueries } from '@okr/reads';
import { TeamRollupQuery } from './query.dto';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamQueriesController {
  constructor(private readonly queries: OkrQueries) {}

  /** The team's and its sub-teams' objectives in a cycle, with the team's rollup. */
  @Get(':id/rollup')
  rollup(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() { cycleId }: TeamRollupQuery) {
    return this.queries.teamRollup(principal.tenantId, id, cycleId);
  }
}
