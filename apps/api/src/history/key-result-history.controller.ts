import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { HistoryQuery } from './history.query';
import { HistoryScopes } from './history-scope';
import { HistoryTimeline } from './history-timeline.service';
import { KeyResultHistoryDto } from './history.responses';

@ApiTags('history')
@ApiBearerAuth()
@Controller('key-results')
export class KeyResultHistoryController {
  constructor(
    private readonly scopes: HistoryScopes,
    private readonly timeline: HistoryTimeline,
  ) {}

  /** The timeline of a key result and the initiatives linked to it. */
  @Get(':id/history')
  @ApiDoc({ summary: 'The history of a key result and the initiatives linked to it', type: KeyResultHistoryDto })
  @ApiProblems(404)
  async history(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() query: HistoryQuery) {
    const scope = await this.scopes.ofKeyResult(principal.tenantId, id);
    return {
      keyResultId: id,
      ...(await this.timeline.page(principal.tenantId, scope, {
        order: query.order ?? 'desc',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      })),
    };
  }
}
