import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest } from '../auth/auth.decorators';
import { CommandContextFactory } from '../application/context-factory';
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
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateKeyResultDto) {
    return this.commands.execute(new UpdateKeyResultCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/check-ins')
  @HttpCode(201)
  checkIn(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: CheckInDto) {
    return this.commands.execute(new CheckInCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/grade')
  @HttpCode(200)
  grade(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: GradeDto) {
    return this.commands.execute(new GradeKeyResultCommand(this.contexts.fromRequest(request), id, body));
  }

  @Delete(':id')
  remove(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam) {
    return this.commands.execute(new RemoveKeyResultCommand(this.contexts.fromRequest(request), id));
  }
}
