import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { AuditTrail } from './audit-trail.service';
import { AuditTrailQuery } from './audit-trail.query';
import { ApiDoc } from '../http/openapi/api-docs.decorators';
import { AuditPageDto } from './audit.responses';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  /**
   * The tenant's audit trail, oldest first, filtered by actor, stream (entity), event type and recording window. A request
   * reads a bounded slice of the log: follow `nextCursor` (even after a short or empty page) until it is null.
   */
  @Get()
  @ApiDoc({ summary: "The tenant's audit trail, oldest first, filtered by actor, event type and time, paged", type: AuditPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditTrailQuery) {
    return this.trail.page(
      principal.tenantId,
      { actorId: query.actorId, streamId: query.streamId, from: query.from, to: query.to, types: query.type },
      query.limit ?? 50,
      query.cursor,
    );
  }
}
