import { Controller, Get, Header, Headers, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { AlignmentQuery } from './alignment.query';
import { OkrQueries } from './okr-queries';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CycleQueriesController {
  constructor(
    private readonly queries: OkrQueries,
    private readonly alignmentQuery: AlignmentQuery,
  ) {}

  /** The alignment tree of the cycle with rolled-up progress, status and confidence. */
  @Get(':id/alignment')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Vary', 'Accept-Encoding')
  async alignment(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParam,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    // Already JSON (see AlignmentQuery): a large tree, so gzipped for clients that take it, and sent as the
    // cached chunks it is made of.
    const { chunks, length, encoding } = await this.alignmentQuery.answer(principal.tenantId, id, acceptsGzip(acceptEncoding));
    if (encoding === 'gzip') reply.header('Content-Encoding', 'gzip');
    reply.header('Content-Length', String(length));
    return Readable.from(chunks, { objectMode: false });
  }

  /** Where outputs (initiatives) and outcomes (key results) diverge. */
  @Get(':id/outputs-vs-outcomes')
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
