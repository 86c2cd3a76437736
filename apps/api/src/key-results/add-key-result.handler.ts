import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, keyResultDecider, streamName } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { AddKeyResultDto } from './key-result.dto';

export class AddKeyResultCommand extends Command<CreateResult> {
  constructor(
    readonly context: CommandContext,
    readonly objectiveId: string,
    readonly input: AddKeyResultDto,
  ) {
    super();
  }
}

@CommandHandler(AddKeyResultCommand)
export class AddKeyResultHandler implements ICommandHandler<AddKeyResultCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, objectiveId, input }: AddKeyResultCommand): Promise<CreateResult> {
    const krContext = await this.facts.keyResultContextIn(context, objectiveId);
    await this.facts.user(context, input.ownerId, 'ownerId');
    const keyResultId = this.contexts.newId(context);
    const result = await this.executor.stream(streamName(StreamCategory.keyResult, keyResultId), keyResultDecider).execute(context, () => ({
      type: 'AddKeyResult',
      now: context.now.toISOString(),
      data: {
        keyResultId,
        title: input.title,
        metric: input.metric,
        weight: input.weight,
        ownerId: input.ownerId,
        checkInCadence: input.checkInCadence,
      },
      context: krContext,
    }));
    return { id: keyResultId, version: result.version, position: result.position };
  }
}
