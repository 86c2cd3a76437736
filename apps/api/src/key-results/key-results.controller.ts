import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest } from '../auth/auth.decorators';
import { CommandContextFactory } from '../application/context-factory';
import { ApiDoc, ApiIfMatch, ApiProblems } from '../http/openapi/api-docs.decorators';
import { CreateResultDto, WriteResultDto } from '../http/openapi/common.dto';
import { IdParam } from '../http/id.param';
import { CheckInCommand } from './check-in.handler';
import { GradeKeyResultCommand } from './grade-key-result.handler';
import { CheckInDto, GradeDto, UpdateKeyResultDto } from './key-result.dto';
import { RemoveKeyResultCommand } from './remove-key-result.handler';
import { UpdateKeyResultCommand } from './update-key-result.handler';

@ApiTags('key-results')
@ApiBearerAuth()
@Controller('key-results')
export class KeyResultsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Patch(':id')
  @ApiDoc({ summary: "Change a key result's title, weight or target (a new target needs a reason)", type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateKeyResultDto) {
    return this.commands.execute(new UpdateKeyResultCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/check-ins')
  @HttpCode(201)
  @ApiDoc({
    summary: 'Check in: record a value and a confidence, now or backdated inside the cycle',
    description: "Answers the id of the check-in (`id`) and the key result's new version.",
    status: 201,
    type: CreateResultDto,
  })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  checkIn(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: CheckInDto) {
    return this.commands.execute(new CheckInCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/grade')
  @HttpCode(200)
  @ApiDoc({ summary: 'Grade a key result (0..1)', type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  grade(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: GradeDto) {
    return this.commands.execute(new GradeKeyResultCommand(this.contexts.fromRequest(request), id, body));
  }

  @Delete(':id')
  @ApiDoc({ summary: 'Remove a key result from its objective (its history stays)', type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  remove(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam) {
    return this.commands.execute(new RemoveKeyResultCommand(this.contexts.fromRequest(request), id));
  }
}
