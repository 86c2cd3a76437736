import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { CycleEventExport, ExportEventsQuery } from '@okr/reads';

@ApiTags('export')
@ApiBearerAuth()
@Controller('cycles')
export class CycleEventsController {
  constructor(private readonly exports: CycleEventExport) {}

  /** Every event of the cycle with its metadata, in global order, streamed as JSON Lines (default) or CSV. */
  @Get(':id/events')
  @ApiDoc({
    summary: 'Download every event of a cycle with its metadata, in log order, as JSON Lines (default) or CSV',
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'One JSON event per line' } },
      'text/csv': { schema: { type: 'string', description: 'RFC 4180, a header row, the data as a JSON column' } },
    },
    headers: { 'Content-Disposition': { description: 'attachment; filename="cycle-<id>-events.<format>"', schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async events(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParam,
    @Query() query: ExportEventsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const file = await this.exports.open(principal.tenantId, id, query.format ?? 'jsonl');
    reply.header('Content-Type', file.contentType);
    reply.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    // Pulled by Fastify as the client reads: the log is read one page per chunk, never ahead (backpressure).
    return Readable.from(file.chunks, { objectMode: false });
  }
}
