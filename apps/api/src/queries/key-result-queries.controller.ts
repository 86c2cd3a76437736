import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ReplyWithHeaders, etag } from '../http/etag';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems, ETAG_HEADER } from '../http/openapi/api-docs.decorators';
import { CheckInSeries } from './check-in-series';
import { OkrQueries } from '@okr/reads';
import { PageQuery } from './query.dto';
import { CheckInPageDto, KeyResultDto } from './query.responses';

@ApiTags('key-results')
@ApiBearerAuth()
@Controller('key-results')
export class KeyResultQueriesController {
  constructor(
    private readonly queries: OkrQueries,
    private readonly checkInSeries: CheckInSeries,
  ) {}

  /** A key result from the read model, with an ETag of its stream version. */
  @Get(':id')
  @ApiDoc({ summary: 'A key result, with its current value, progress and confidence', type: KeyResultDto, headers: ETAG_HEADER })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const view = await this.queries.keyResult(principal.tenantId, id);
    reply.header('ETag', etag(view.version));
    return view;
  }

  /** The check-in series of a key result (from its stream), ordered by effective time (ties: order of recording). */
  @Get(':id/check-ins')
  @ApiDoc({ summary: 'The check-ins of a key result, by effective time, paged', type: CheckInPageDto })
  @ApiProblems(404)
  checkIns(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() query: PageQuery) {
    return this.checkInSeries.page(principal.tenantId, id, query.limit ?? 200, query.cursor);
  }
}
