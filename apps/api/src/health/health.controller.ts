import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { HealthReport, HealthService } from './health.service';

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
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }

  /** Liveness: the process answers HTTP. It checks no dependency, so an outage of one does not get every replica restarted. */
  @Get('live')
  @Public()
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
