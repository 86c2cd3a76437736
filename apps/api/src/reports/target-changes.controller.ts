import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { TargetChangesService } from './target-changes.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class TargetChangesController {
  constructor(private readonly targetChanges: TargetChangesService) {}

  /** "Goalposts moved": key results whose target changed, scored against the original and the current target. */
  @Get(':id/target-changes')
  forCycle(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam) {
    return this.targetChanges.forCycle(principal.tenantId, id);
  }
}
