import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, UserCommand, streamName, userDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { UpdateUserDto } from './user.dto';

export class UpdateUserCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly userId: string,
    readonly input: UpdateUserDto,
  ) {
    super();
  }
}

/** Renames a user, changes their role, sets their teams: one event per change, on the user's stream. */
@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async execute({ context, userId, input }: UpdateUserCommand): Promise<WriteResult> {
    const now = context.now.toISOString();
    if (input.teamIds !== undefined) await this.facts.teams(context, input.teamIds, 'teamIds');
    const admins = input.role !== undefined ? await this.facts.otherAdmins(context, userId) : undefined;
    const { version, position } = await this.executor.stream(streamName(StreamCategory.user, userId), userDecider).execute(
      context,
      () => {
        const commands: UserCommand[] = [];
        if (input.name !== undefined) commands.push({ type: 'RenameUser', now, data: { userId, name: input.name } });
        if (input.role !== undefined && admins)
          commands.push({ type: 'ChangeUserRole', now, data: { userId, role: input.role }, context: admins });
        if (input.teamIds !== undefined) commands.push({ type: 'SetUserTeams', now, data: { userId, teamIds: input.teamIds } });
        return commands;
      },
      { notFound: () => new NotFoundError('user.not_found', `User ${userId} not found`) },
    );
    return { version, position };
  }
}
