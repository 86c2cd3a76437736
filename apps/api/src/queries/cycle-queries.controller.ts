import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { OkrQueries } from './okr-queries';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CycleQueriesController {
  constructor(private readonly queries: OkrQueries) {}

  /** The alignment tree of the cycle with rolled-up progress, status and confidence. */
  @Get(':id/alignment')
  alignment(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam) {
    return this.queries.alignment(principal.tenantId, id);
  }

  /** Where outputs (initiatives) and outcomes (key results) diverge. */
  @Get(':id/outputs-vs-outcomes')
  outputsVsOutcomes(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam) {
    return this.queries.outputsVsOutcomes(principal.tenantId, id);
  }
}
