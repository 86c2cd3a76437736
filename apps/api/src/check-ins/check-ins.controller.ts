import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckInsQuery } from '@okr/reads';
import { Directory } from '../application/directory';
import { CommandContextFactory } from '../application/context-factory';
import { AuthenticatedRequest, CommandRequest, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { ChangeTenantCommand } from './change-tenant.handler';
import { ChangeTenantDto, MissedCheckInsDto, MyCheckInsDto, MyCheckInsQuery, TenantChangedDto, TenantSettingsDto } from './check-ins.dto';
import { TenantSettings } from './tenant-settings';

@ApiTags('check-ins')
@ApiBearerAuth()
@Controller()
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInsQuery,
    private readonly tenants: TenantSettings,
    private readonly directory: Directory,
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get('me/check-ins')
  @ApiOperation({
    summary: "The check-ins I owe: my key results, my objectives', my teams' objectives', grouped overdue / due / up to date",
  })
  @ApiOkResponse({ type: MyCheckInsDto })
  async mine(@CurrentPrincipal() principal: Principal, @Query() { cycleId }: MyCheckInsQuery): Promise<MyCheckInsDto> {
    const { checkInCadence } = await this.tenants.read(principal.tenantId);
    const caller = { userId: principal.userId, teamIds: this.teamsOf(principal) };
    return this.checkIns.mine(principal.tenantId, caller, { cycleId, tenantCadence: checkInCadence });
  }

  @Get('cycles/:id/missed-check-ins')
  @ApiOperation({ summary: "The cycle's overdue check-ins, the most overdue first" })
  @ApiOkResponse({ type: MissedCheckInsDto })
  async missed(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam): Promise<MissedCheckInsDto> {
    const { checkInCadence } = await this.tenants.read(principal.tenantId);
    return this.checkIns.missed(principal.tenantId, id, checkInCadence);
  }

  @Get('tenant')
  @ApiOperation({ summary: "The caller's tenant: its name and check-in cadence" })
  @ApiOkResponse({ type: TenantSettingsDto })
  tenant(@CurrentPrincipal() principal: Principal): Promise<TenantSettingsDto> {
    return this.tenants.read(principal.tenantId);
  }

  @Patch('tenant')
  @RequireRole('admin')
  @ApiOperation({ summary: "(admin) Change the tenant's check-in cadence" })
  @ApiOkResponse({ type: TenantChangedDto })
  changeTenant(@CommandRequest() request: AuthenticatedRequest, @Body() body: ChangeTenantDto): Promise<TenantChangedDto> {
    return this.commands.execute(new ChangeTenantCommand(this.contexts.fromRequest(request), body));
  }

  /** The caller's teams, from their Directory entry. */
  private teamsOf(principal: Principal): readonly string[] {
    return this.directory.inTenant(this.directory.users, principal.userId, principal.tenantId)?.teamIds ?? [];
  }
}
