import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, streamName, teamDecider } from '@okr/domain';
import { CommandContext, CreateResult } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { CreateTeamDto } from './team.dto';

export class CreateTeamCommand extends Command<CreateResult> {
  constructor(
    readonly context: CommandContext,
    readonly input: CreateTeamDto,
  ) {
    super();
  }
}

@CommandHandler(CreateTeamCommand)
export class CreateTeamHandler implements ICommandHandler<CreateTeamCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly contexts: CommandContextFactory,
    private readonly facts: Facts,
  ) {}

  async execute({ context, input }: CreateTeamCommand): Promise<CreateResult> {
    const teamId = this.contexts.newId(context);
    const parent = await this.facts.parentTeam(context, input.parentTeamId ?? null);
    const result = await this.executor.stream(streamName(StreamCategory.team, teamId), teamDecider).execute(context, () => ({
      type: 'CreateTeam',
      now: context.now.toISOString(),
      data: { teamId, name: input.name, parent },
    }));
    return { id: teamId, version: result.version, position: result.position };
  }
}
