import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { CommandContextFactory } from '../application/context-factory';
import { ApiDoc, ApiIfMatch, ApiProblems, ETAG_HEADER } from '../http/openapi/api-docs.decorators';
import { CreateResultDto, WriteResultDto } from '../http/openapi/common.dto';
import { ReplyWithHeaders, etag } from '../http/etag';
import { IdParam } from '../http/id.param';
import { OkrReader } from '../views/okr-reader';
import { CreateTeamCommand } from './create-team.handler';
import { CreateTeamDto, UpdateTeamDto } from './team.dto';
import { TeamDto } from './team.responses';
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
  @ApiDoc({ summary: 'Create a team, at the top level or under a parent team', status: 201, type: CreateResultDto })
  @ApiProblems(404)
  create(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateTeamDto) {
    return this.commands.execute(new CreateTeamCommand(this.contexts.fromRequest(request), body));
  }

  @Patch(':id')
  @ApiDoc({ summary: 'Rename a team, or move it under another parent (null: to the top level)', type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateTeamDto) {
    return this.commands.execute(new UpdateTeamCommand(this.contexts.fromRequest(request), id, body));
  }

  @Get(':id')
  @ApiDoc({ summary: 'A team', type: TeamDto, headers: ETAG_HEADER })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const { view, version } = await this.reader.team(id, principal.tenantId);
    reply.header('ETag', etag(version));
    return view;
  }
}
