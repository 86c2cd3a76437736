import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { HistoryQuery } from './history.query';
import { HistoryScopes } from './history-scope';
import { HistoryTimeline } from './history-timeline.service';
import { ObjectiveHistoryDto } from './history.responses';

@ApiTags('history')
@ApiBearerAuth()
@Controller('objectives')
export class ObjectiveHistoryController {
  constructor(
    private readonly scopes: HistoryScopes,
    private readonly timeline: HistoryTimeline,
  ) {}

  /** The timeline of an objective, its key results and their initiatives: who changed what, from what to what. */
  @Get(':id/history')
  @ApiDoc({
    summary: 'The history of an objective, its key results and their initiatives, as sentences with each change from → to',
    type: ObjectiveHistoryDto,
  })
  @ApiProblems(404)
  async history(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() query: HistoryQuery) {
    const scope = await this.scopes.ofObjective(principal.tenantId, id);
    return {
      objectiveId: id,
      ...(await this.timeline.page(principal.tenantId, scope, {
        order: query.order ?? 'desc',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      })),
    };
  }
}
