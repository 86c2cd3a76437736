import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, cycleDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { StreamExecutor } from '../application/stream-executor';
import { ScheduleCycleDto } from './cycle.dto';

export class ScheduleCycleCommand extends Command<CreateResult> {
  constructor(
    readonly context: CommandContext,
    readonly input: ScheduleCycleDto,
  ) {
    super();
  }
}

@CommandHandler(ScheduleCycleCommand)
export class ScheduleCycleHandler implements ICommandHandler<ScheduleCycleCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: ScheduleCycleCommand): Promise<CreateResult> {
    const cycleId = this.contexts.newId(context);
    const result = await this.executor.stream(streamName(StreamCategory.cycle, cycleId), cycleDecider).execute(context, () => ({
      type: 'ScheduleCycle',
      now: context.now.toISOString(),
      data: { cycleId, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn },
    }));
    return { id: cycleId, version: result.version, position: result.position };
  }
}
