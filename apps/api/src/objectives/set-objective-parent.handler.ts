import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ObjectiveCommand, StreamCategory, objectiveDecider, streamName } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
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
    private readonly facts: Facts,
  ) {}

  async execute({ context, objectiveId, input }: SetObjectiveParentCommand): Promise<WriteResult> {
    const objective = await this.facts.objective(context, objectiveId);
    const cycle = await this.facts.cycle(context, objective.cycleId);
    const cycleFacts = { id: cycle.id, status: cycle.status };
    const now = context.now.toISOString();
    let command: ObjectiveCommand;
    if (input.parentObjectiveId === null) {
      command = { type: 'UnalignObjective', now, data: { objectiveId }, context: { cycle: cycleFacts } };
    } else {
      const parent = await this.facts.parentObjective(context, input.parentObjectiveId);
      command = { type: 'AlignObjective', now, data: { objectiveId, weight: input.weight, parent }, context: { cycle: cycleFacts } };
    }
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.objective, objectiveId), objectiveDecider)
      .execute(context, () => command);
    return { version, position };
  }
}
