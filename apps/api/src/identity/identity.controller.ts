import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest, RequireRole } from '../auth/auth.decorators';
import { CommandContextFactory } from '../application/context-factory';
import { CreateTenantCommand } from './create-tenant.handler';
import { CreateUserCommand } from './create-user.handler';
import { CreateTenantDto, CreateUserDto } from './identity.dto';

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
  createUser(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateUserDto) {
    return this.commands.execute(new CreateUserCommand(this.contexts.fromRequest(request), body));
  }

  @Post('tenants')
  @HttpCode(201)
  @RequireRole('admin')
  createTenant(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateTenantDto) {
    return this.commands.execute(new CreateTenantCommand(this.contexts.fromRequest(request), body));
  }
}
