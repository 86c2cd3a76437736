import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { AsOfQuery } from '../point-in-time/as-of.query';
import { PointInTimeQueries, AlignmentQuery, OkrQueries } from '@okr/reads';
import { AlignmentDto, CycleListDto, OutputsVsOutcomesDto } from './query.responses';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CycleQueriesController {
  constructor(
    private readonly queries: OkrQueries,
    private readonly alignmentQuery: AlignmentQuery,
    private readonly pointInTime: PointInTimeQueries,
  ) {}

  /** The tenant's cycles (id, name, dates, status), earliest start first. */
  @Get()
  @ApiDoc({ summary: "The tenant's cycles, earliest start first", type: CycleListDto })
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.cycles(principal.tenantId);
  }

  /** The alignment tree of the cycle with rolled-up progress, status and confidence; with `asOf`, as recorded up to then (replayed). */
  @Get(':id/alignment')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Vary', 'Accept-Encoding')
  @ApiDoc({
    summary: 'The alignment tree of a cycle, with rolled-up progress, health and confidence; with asOf, as it stood then',
    description: 'Gzipped (Content-Encoding: gzip) for clients that accept it.',
    type: AlignmentDto,
    headers: { 'Content-Encoding': { description: 'gzip when the request accepted it', schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async alignment(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParam,
    @Query() { asOf }: AsOfQuery,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    // Already JSON (see AlignmentQuery): a large tree, so gzipped for clients that take it, and sent as the
    // cached chunks it is made of.
    const gzip = acceptsGzip(acceptEncoding);
    const { chunks, length, encoding } =
      asOf === undefined
        ? await this.alignmentQuery.answer(principal.tenantId, id, gzip)
        : await this.pointInTime.alignment(principal.tenantId, id, asOf, gzip);
    if (encoding === 'gzip') reply.header('Content-Encoding', 'gzip');
    reply.header('Content-Length', String(length));
    return Readable.from(chunks, { objectMode: false });
  }

  /** Where outputs (initiatives) and outcomes (key results) diverge. */
  @Get(':id/outputs-vs-outcomes')
  @ApiDoc({ summary: 'Where outputs (initiatives) and outcomes (key results) of a cycle diverge', type: OutputsVsOutcomesDto })
  @ApiProblems(404)
  outputsVsOutcomes(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam) {
    return this.queries.outputsVsOutcomes(principal.tenantId, id);
  }
}

/** Whether an Accept-Encoding header takes gzip (not explicitly refused with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
