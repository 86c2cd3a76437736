import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest, RequireRole } from '../auth/auth.decorators';
import { CommandContextFactory } from '../application/context-factory';
import { CreateTenantCommand } from './create-tenant.handler';
import { CreateUserCommand } from './create-user.handler';
import { ApiDoc } from '../http/openapi/api-docs.decorators';
import { CreateTenantDto, CreateUserDto } from './identity.dto';
import { CreatedTenantDto, CreatedUserDto } from './identity.responses';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post('users')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiDoc({
    summary: "Create a user of the caller's tenant, with a role; answers the user's token once (admins)",
    status: 201,
    type: CreatedUserDto,
  })
  createUser(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateUserDto) {
    return this.commands.execute(new CreateUserCommand(this.contexts.fromRequest(request), body));
  }

  @Post('tenants')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiDoc({ summary: "Create a tenant with its first admin; answers the admin's token once (admins)", status: 201, type: CreatedTenantDto })
  createTenant(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateTenantDto) {
    return this.commands.execute(new CreateTenantCommand(this.contexts.fromRequest(request), body));
  }
}
