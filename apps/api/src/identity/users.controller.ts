import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OkrQueries } from '@okr/reads';
import { Directory, UserEntry } from '../application/directory';
import { CommandContextFactory } from '../application/context-factory';
import { AuthenticatedRequest, CommandRequest, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IdParam } from '../http/id.param';
import { UpdateUserCommand } from './update-user.handler';
import {
  MeResponse,
  TeamListResponse,
  TokenIssuedResponse,
  UpdateUserDto,
  UserListItem,
  UserListResponse,
  UserWriteResponse,
} from './user.dto';
import { IssueUserTokenCommand, RevokeUserTokenCommand } from './user-token.handler';

/** The caller as GET /api/me and POST /api/session answer. */
export function meView(user: UserEntry): MeResponse {
  return { id: user.id, name: user.name, role: user.role, tenantId: user.tenantId, teamIds: [...user.teamIds] };
}

function listItem(user: UserEntry): UserListItem {
  return { id: user.id, name: user.name, role: user.role, teamIds: [...user.teamIds], hasToken: user.tokenHash !== null };
}

/** Who is who in the tenant: the caller, the users and their teams, the teams; and what admins change of users. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly directory: Directory,
    private readonly queries: OkrQueries,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller: id, name, role, tenant and teams' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentPrincipal() principal: Principal): MeResponse {
    return meView(this.directory.users.get(principal.userId)!);
  }

  @Get('users')
  @ApiOperation({ summary: "The tenant's users by name, with role and teams (never a token)" })
  @ApiOkResponse({ type: UserListResponse })
  users(@CurrentPrincipal() principal: Principal): UserListResponse {
    return { items: this.directory.usersOfTenant(principal.tenantId).map(listItem) };
  }

  @Patch('users/:id')
  @RequireRole('admin')
  @ApiOperation({
    summary: "(admin) Rename a user, change their role, set their teams (teamIds: all of them); the tenant's last admin keeps the role",
  })
  @ApiOkResponse({ type: UserWriteResponse })
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateUserDto) {
    return this.commands.execute(new UpdateUserCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post('users/:id/token')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "(admin) Issue a new token for a user, shown this once: the old one and the user's sessions stop working" })
  @ApiOkResponse({ type: TokenIssuedResponse })
  issueToken(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam) {
    return this.commands.execute(new IssueUserTokenCommand(this.contexts.fromRequest(request), id));
  }

  @Delete('users/:id/token')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: "(admin) Revoke a user's token: it and the user's sessions stop working" })
  @ApiNoContentResponse({ description: 'Revoked (or revoked already)' })
  async revokeToken(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam): Promise<void> {
    await this.commands.execute(new RevokeUserTokenCommand(this.contexts.fromRequest(request), id));
  }

  @Get('teams')
  @ApiOperation({ summary: "The tenant's teams by name, with their parent team" })
  @ApiOkResponse({ type: TeamListResponse })
  teams(@CurrentPrincipal() principal: Principal): Promise<TeamListResponse> {
    return this.queries.teams(principal.tenantId);
  }
}
