import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, TeamCommand, streamName, teamDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { UpdateTeamDto } from './team.dto';

export class UpdateTeamCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly teamId: string,
    readonly input: UpdateTeamDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateTeamCommand)
export class UpdateTeamHandler implements ICommandHandler<UpdateTeamCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async execute({ context, teamId, input }: UpdateTeamCommand): Promise<WriteResult> {
    const now = context.now.toISOString();
    const moving = input.parentTeamId !== undefined;
    const parent = moving ? await this.facts.parentTeam(context, input.parentTeamId ?? null) : null;
    const { version, position } = await this.executor.stream(streamName(StreamCategory.team, teamId), teamDecider).execute(
      context,
      () => {
        const commands: TeamCommand[] = [];
        if (input.name !== undefined) commands.push({ type: 'RenameTeam', now, data: { teamId, name: input.name } });
        if (moving) commands.push({ type: 'MoveTeam', now, data: { teamId, parent } });
        return commands;
      },
      { notFound: () => new NotFoundError('team.not_found', `Team ${teamId} not found`) },
    );
    return { version, position };
  }
}
