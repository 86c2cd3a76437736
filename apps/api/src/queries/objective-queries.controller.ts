import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ReplyWithHeaders, etag } from '../http/etag';
import { IdParam } from '../http/id.param';
import { OkrQueries } from './okr-queries';
import { ListObjectivesQuery } from './query.dto';

@ApiTags('objectives')
@ApiBearerAuth()
@Controller('objectives')
export class ObjectiveQueriesController {
  constructor(private readonly queries: OkrQueries) {}

  /** Objectives, filtered, in creation order, with stable cursor paging. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListObjectivesQuery) {
    return this.queries.listObjectives(principal.tenantId, { ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const view = await this.queries.objective(principal.tenantId, id);
    reply.header('ETag', etag(view.version));
    return view;
  }
}
