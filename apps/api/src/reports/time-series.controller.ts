import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { BUDGET } from '@okr/budget';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { timeSeriesCsvLines, timeSeriesJsonChunks, TimeSeriesService } from '@okr/reads';
import { TimeSeriesDto } from './report.responses';
import { TimeSeriesQuery } from './time-series.query';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class TimeSeriesController {
  constructor(private readonly timeSeries: TimeSeriesService) {}

  /** Progress of every objective and key result of the cycle at each day or week boundary, in effective time. */
  @Get(':id/timeseries')
  @ApiDoc({
    summary: 'Progress of every objective and key result of a cycle at each day or week boundary (JSON, or CSV with format=csv)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TimeSeriesDto) } },
      'text/csv': { schema: { type: 'string', description: 'One row per boundary and entity, with a header row' } },
    },
    headers: {
      'Content-Disposition': {
        description: 'CSV: attachment; filename="cycle-<id>-timeseries-<interval>.csv"',
        schema: { type: 'string' },
      },
    },
  })
  @ApiExtraModels(TimeSeriesDto)
  @ApiProblems(404)
  async series(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParam,
    @Query() query: TimeSeriesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const interval = query.interval ?? 'week';
    // Errors (404, 400) are thrown here, before anything is streamed.
    const series = await this.timeSeries.series(principal.tenantId, id, interval, { from: query.from, to: query.to });
    if (query.format === 'csv') {
      reply.header('Content-Type', 'text/csv; charset=utf-8; header=present');
      reply.header('Content-Disposition', `attachment; filename="cycle-${id}-timeseries-${interval}.csv"`);
      return Readable.from(inChunks(timeSeriesCsvLines(series), BUDGET.responses.timeSeriesCsvLines), { objectMode: false });
    }
    reply.header('Content-Type', 'application/json; charset=utf-8');
    return Readable.from(timeSeriesJsonChunks(series), { objectMode: false });
  }
}

function* inChunks(lines: Iterable<string>, size: number): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === size) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}
