import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiDoc } from '../http/openapi/api-docs.decorators';
import { HealthReport, HealthService } from './health.service';
import { HealthReportDto, LivenessDto } from './health.responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness: every dependency (event store, read-model store) with its kind, status and latency, and the
   * projections' position and lag. 200 with status 'ok' when all answer; 503 with 'degraded' (some do not)
   * or 'down' (none does).
   */
  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiDoc({
    summary: "Readiness: each dependency's status and latency, and the projections' position and lag",
    type: HealthReportDto,
    public: true,
  })
  @ApiResponse({ status: 503, type: HealthReportDto, description: 'A dependency does not answer (status degraded or down)' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }

  /** Liveness: the process answers HTTP. It checks no dependency, so an outage of one does not get every replica restarted. */
  @Get('live')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiDoc({ summary: 'Liveness: the process answers HTTP (no dependency checked)', type: LivenessDto, public: true })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
