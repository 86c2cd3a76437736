import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { CommandContextFactory } from '../application/context-factory';
import { ReplyWithHeaders, etag } from '../http/etag';
import { IdParam } from '../http/id.param';
import { OkrReader } from '../views/okr-reader';
import { CreateTeamCommand } from './create-team.handler';
import { CreateTeamDto, UpdateTeamDto } from './team.dto';
import { UpdateTeamCommand } from './update-team.handler';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly reader: OkrReader,
  ) {}

  @Post()
  @HttpCode(201)
  create(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateTeamDto) {
    return this.commands.execute(new CreateTeamCommand(this.contexts.fromRequest(request), body));
  }

  @Patch(':id')
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateTeamDto) {
    return this.commands.execute(new UpdateTeamCommand(this.contexts.fromRequest(request), id, body));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const { view, version } = await this.reader.team(id, principal.tenantId);
    reply.header('ETag', etag(version));
    return view;
  }
}
