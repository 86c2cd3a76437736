import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { AuditVerifyAnswer, AuditVerifyService } from '@okr/reads';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { AuditVerifyDto } from './audit.responses';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditVerifyController {
  constructor(private readonly verifier: AuditVerifyService) {}

  /**
   * Tamper evidence: checks the hash chain of every stream of the caller's tenant (admins only) and reports
   * streams and events checked, events without a stored hash (written before the chain existed), and the first
   * broken link in log order (stream, revision, position, reason) or null.
   */
  @Get('verify')
  @RequireRole('admin')
  @ApiDoc({ summary: "Verify the hash chains of the tenant's event streams (tamper evidence; admins)", type: AuditVerifyDto })
  @ApiProblems(403)
  verify(@CurrentPrincipal() principal: Principal): Promise<AuditVerifyAnswer> {
    return this.verifier.verify(principal.tenantId);
  }
}
