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
import { CreateInitiativeCommand } from './create-initiative.handler';
import { CreateInitiativeDto, UpdateInitiativeDto } from './initiative.dto';
import { InitiativeDto } from './initiative.responses';
import { UpdateInitiativeCommand } from './update-initiative.handler';

@ApiTags('initiatives')
@ApiBearerAuth()
@Controller('initiatives')
export class InitiativesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly reader: OkrReader,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiDoc({ summary: 'Create an initiative (an output) linked to the key results it is meant to move', status: 201, type: CreateResultDto })
  @ApiProblems(404, 409)
  create(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateInitiativeDto) {
    return this.commands.execute(new CreateInitiativeCommand(this.contexts.fromRequest(request), body));
  }

  @Patch(':id')
  @ApiDoc({ summary: "Change an initiative's title, owner, status or linked key results", type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateInitiativeDto) {
    return this.commands.execute(new UpdateInitiativeCommand(this.contexts.fromRequest(request), id, body));
  }

  @Get(':id')
  @ApiDoc({ summary: 'An initiative', type: InitiativeDto, headers: ETAG_HEADER })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const { view, version } = await this.reader.initiative(id, principal.tenantId);
    reply.header('ETag', etag(version));
    return view;
  }
}
