import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, ObjectiveCommand, StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Directory } from '../application/directory';
import { FactsLoader } from '../application/facts-loader';
import { StreamExecutor } from '../application/stream-executor';
import { SetParentDto } from './objective.dto';

export class SetObjectiveParentCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
    readonly input: SetParentDto,
  ) {
    super();
  }
}

/** Aligns an objective under a parent (with a weight), or unaligns it when parentObjectiveId is null. */
@CommandHandler(SetObjectiveParentCommand)
export class SetObjectiveParentHandler implements ICommandHandler<SetObjectiveParentCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: FactsLoader,
    private readonly directory: Directory,
  ) {}

  async execute({ context, objectiveId, input }: SetObjectiveParentCommand): Promise<WriteResult> {
    const tenantId = context.principal.tenantId;
    const objective = (await this.facts.objective(objectiveId, tenantId)).state;
    const cycle = (await this.facts.cycle(objective.cycleId, tenantId)).state;
    const cycleFacts = { id: cycle.id, status: cycle.status };
    const now = context.now.toISOString();
    let command: ObjectiveCommand;
    if (input.parentObjectiveId === null) {
      command = { type: 'UnalignObjective', now, data: { objectiveId }, context: { cycle: cycleFacts } };
    } else {
      const parentId = input.parentObjectiveId;
      const parent = await this.facts.objective(parentId, tenantId, 'parentObjectiveId').catch((error) => {
        throw error instanceof NotFoundError
          ? new NotFoundError('objective.not_found', `Objective ${parentId} not found`, 'parentObjectiveId')
          : error;
      });
      await this.directory.refresh();
      command = {
        type: 'AlignObjective',
        now,
        data: {
          objectiveId,
          weight: input.weight,
          parent: { id: parentId, status: parent.state.status, ancestorIds: this.directory.objectiveAncestors(parentId) },
        },
        context: { cycle: cycleFacts },
      };
    }
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
      .execute(context, () => command);
    return { version, position };
  }
}
