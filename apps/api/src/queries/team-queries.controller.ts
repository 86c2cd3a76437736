import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { OkrQueries } from '@okr/reads';
import { TeamRollupQuery } from './query.dto';
import { TeamRollupDto } from './query.responses';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamQueriesController {
  constructor(private readonly queries: OkrQueries) {}

  /** The team's and its sub-teams' objectives in a cycle, with the team's rollup. */
  @Get(':id/rollup')
  @ApiDoc({ summary: "A team's and its sub-teams' objectives in a cycle, with the team's rollup", type: TeamRollupDto })
  @ApiProblems(404)
  rollup(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() { cycleId }: TeamRollupQuery) {
    return this.queries.teamRollup(principal.tenantId, id, cycleId);
  }
}
