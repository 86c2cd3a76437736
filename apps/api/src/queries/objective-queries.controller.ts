import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ReplyWithHeaders, etag } from '../http/etag';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems, ETAG_HEADER } from '../http/openapi/api-docs.decorators';
import { AsOfQuery } from '../point-in-time/as-of.query';
import { PointInTimeQueries, OkrQueries } from '@okr/reads';
import { ListObjectivesQuery } from './query.dto';
import { ObjectiveDto, ObjectivePageDto } from './query.responses';

@ApiTags('objectives')
@ApiBearerAuth()
@Controller('objectives')
export class ObjectiveQueriesController {
  constructor(
    private readonly queries: OkrQueries,
    private readonly pointInTime: PointInTimeQueries,
  ) {}

  /** Objectives, filtered, in creation order, with stable cursor paging. */
  @Get()
  @ApiDoc({ summary: 'Objectives, filtered by cycle, team, owner, parent or status, in creation order, paged', type: ObjectivePageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListObjectivesQuery) {
    return this.queries.listObjectives(principal.tenantId, { ...query, limit: query.limit ?? 50 });
  }

  /** The objective with its key results and initiatives; with `asOf`, as recorded up to then (replayed). */
  @Get(':id')
  @ApiDoc({
    summary: 'An objective with its key results and initiatives; with asOf, as it stood then',
    type: ObjectiveDto,
    headers: ETAG_HEADER,
  })
  @ApiProblems(404)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParam,
    @Query() { asOf }: AsOfQuery,
    @Res({ passthrough: true }) reply: ReplyWithHeaders,
  ) {
    const view =
      asOf === undefined
        ? await this.queries.objective(principal.tenantId, id)
        : await this.pointInTime.objective(principal.tenantId, id, asOf);
    reply.header('ETag', etag(view.version));
    return view;
  }
}
