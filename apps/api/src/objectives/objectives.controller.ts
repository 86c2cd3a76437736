import { Body, Controller, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CommandRequest } from '../auth/auth.decorators';
import { CommandContextFactory } from '../application/context-factory';
import { ApiDoc, ApiIfMatch, ApiProblems } from '../http/openapi/api-docs.decorators';
import { CreateResultDto, WriteResultDto } from '../http/openapi/common.dto';
import { IdParam } from '../http/id.param';
import { AddKeyResultCommand } from '../key-results/add-key-result.handler';
import { AddKeyResultDto } from '../key-results/key-result.dto';
import { ArchiveObjectiveCommand } from './archive-objective.handler';
import { CarryOverObjectiveCommand } from './carry-over-objective.handler';
import { CloseObjectiveCommand } from './close-objective.handler';
import { CreateObjectiveCommand } from './create-objective.handler';
import { CarryOverDto, CloseObjectiveDto, CreateObjectiveDto, SetParentDto, UpdateObjectiveDto } from './objective.dto';
import { CarryOverResultDto, CloseObjectiveResultDto } from './objective.responses';
import { SetObjectiveParentCommand } from './set-objective-parent.handler';
import { UpdateObjectiveCommand } from './update-objective.handler';

@ApiTags('objectives')
@ApiBearerAuth()
@Controller('objectives')
export class ObjectivesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiDoc({ summary: 'Create an objective in a cycle', status: 201, type: CreateResultDto })
  @ApiProblems(404, 409)
  create(@CommandRequest() request: AuthenticatedRequest, @Body() body: CreateObjectiveDto) {
    return this.commands.execute(new CreateObjectiveCommand(this.contexts.fromRequest(request), body));
  }

  @Patch(':id')
  @ApiDoc({ summary: "Change an objective's title, description, owner, team or kind (null clears)", type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  update(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: UpdateObjectiveDto) {
    return this.commands.execute(new UpdateObjectiveCommand(this.contexts.fromRequest(request), id, body));
  }

  @Put(':id/parent')
  @ApiDoc({ summary: 'Align an objective under a parent objective with a weight, or unalign it (null)', type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  setParent(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: SetParentDto) {
    return this.commands.execute(new SetObjectiveParentCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiDoc({ summary: 'Close an objective with a score (default: the weighted mean of its key results)', type: CloseObjectiveResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  close(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: CloseObjectiveDto) {
    return this.commands.execute(new CloseObjectiveCommand(this.contexts.fromRequest(request), id, body ?? {}));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiDoc({ summary: 'Archive an objective (it leaves the trees and rollups)', type: WriteResultDto })
  @ApiIfMatch()
  @ApiProblems(404, 409)
  archive(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam) {
    return this.commands.execute(new ArchiveObjectiveCommand(this.contexts.fromRequest(request), id));
  }

  @Post(':id/carry-over')
  @HttpCode(201)
  @ApiDoc({
    summary: 'Carry an objective over into another cycle, with copies of its unfinished key results',
    status: 201,
    type: CarryOverResultDto,
  })
  @ApiProblems(404, 409)
  carryOver(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: CarryOverDto) {
    return this.commands.execute(new CarryOverObjectiveCommand(this.contexts.fromRequest(request), id, body));
  }

  @Post(':id/key-results')
  @HttpCode(201)
  @ApiDoc({ summary: 'Add a key result to an objective', status: 201, type: CreateResultDto })
  @ApiProblems(404, 409)
  addKeyResult(@CommandRequest() request: AuthenticatedRequest, @Param() { id }: IdParam, @Body() body: AddKeyResultDto) {
    return this.commands.execute(new AddKeyResultCommand(this.contexts.fromRequest(request), id, body));
  }
}
