import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ReplyWithHeaders, etag } from '../http/etag';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { CheckInSeries } from './check-in-series';
import { OkrQueries } from '@okr/reads';
import { PageQuery } from './query.dto';

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
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const view = await this.queries.keyResult(principal.tenantId, id);
    reply.header('ETag', etag(view.version));
    return view;
  }

  /** The check-in series of a key result (from its stream), ordered by effective time (ties: order of recording). */
  @Get(':id/check-ins')
  checkIns(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() query: PageQuery) {
    return this.checkInSeries.page(principal.tenantId, id, query.limit ?? 200, query.cursor);
  }
}
