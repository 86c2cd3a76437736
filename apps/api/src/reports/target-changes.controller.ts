import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ApiDoc, ApiProblems } from '../http/openapi/api-docs.decorators';
import { CycleDiffQuery } from './cycle-diff.query';
import { CycleDiffService } from '@okr/reads';
import { CycleDiffDto, TargetChangesDto } from './report.responses';
import { TargetChangesService } from './target-changes.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
/** Cycle reports: goalposts moved, and what changed between two instants. */
export class TargetChangesController {
  constructor(
    private readonly targetChanges: TargetChangesService,
    private readonly diffs: CycleDiffService,
  ) {}

  /** "Goalposts moved": key results whose target changed, scored against the original and the current target. */
  @Get(':id/target-changes')
  @ApiDoc({
    summary: 'Goalposts moved: key results whose target changed, scored against the original and the current target',
    type: TargetChangesDto,
  })
  @ApiProblems(404)
  forCycle(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam) {
    return this.targetChanges.forCycle(principal.tenantId, id);
  }

  /** What changed in the cycle between two instants (both as recorded then, replayed). */
  @Get(':id/diff')
  @ApiDoc({ summary: 'What changed in a cycle between two instants (both as recorded then)', type: CycleDiffDto })
  @ApiProblems(404)
  diff(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Query() { from, to }: CycleDiffQuery) {
    return this.diffs.diff(principal.tenantId, id, from, to);
  }
}
