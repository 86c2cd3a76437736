import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { CommandContextFactory } from '../application/context-factory';
import { ApiDoc, ApiIfMatch, ApiProblems, ETAG_HEADER } from '../http/openapi/api-docs.decorators';
import { CreateResultDto } from '../http/openapi/common.dto';
import { ReplyWithHeaders, etag } from '../http/etag';
import { IdParam } from '../http/id.param';
import { OkrReader } from '../views/okr-reader';
import { CloseCycleCommand } from './close-cycle.handler';
import { ScheduleCycleDto } from './cycle.dto';
import { CloseCycleResultDto, CycleDto } from './cycle.responses';
import { ScheduleCycleCommand } from './schedule-cycle.handler';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly reader: OkrReader,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiDoc({ summary: 'Schedule a cycle', status: 201, type: CreateResultDto })
  schedule(@CommandRequest() request: AuthenticatedRequest, @Body() body: ScheduleCycleDto) {
    return this.commands.execute(new ScheduleCycleCommand(this.contexts.fromRequest(request), body));
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiDoc({
    summary: 'Close a cycle (admins), and close and score each of its open objectives',
    description: 'Irreversible. Closing a cycle that is closed already answers 409, unless an interrupted closing is finished.',
    type: CloseCycleResultDto,
  })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  close(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam) {
    return this.commands.execute(new CloseCycleCommand(this.contexts.fromRequest(request), id));
  }

  @Get(':id')
  @ApiDoc({ summary: 'A cycle, with the ids of its objectives', type: CycleDto, headers: ETAG_HEADER })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParam, @Res({ passthrough: true }) reply: ReplyWithHeaders) {
    const { view, version } = await this.reader.cycle(id, principal.tenantId);
    reply.header('ETag', etag(version));
    return view;
  }
}
