import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, streamName, userDecider } from '@okr/domain';
import { CommandContext } from '../application/command-context';
import { CommandContextFactory } from '../application/context-factory';
import { StreamExecutor } from '../application/stream-executor';
import { generateToken, hashToken } from './token';
import { CreateUserDto } from './identity.dto';

export interface CreatedUser {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
  version: number;
  position: number;
}

export class CreateUserCommand extends Command<CreatedUser> {
  constructor(
    readonly context: CommandContext,
    readonly input: CreateUserDto,
  ) {
    super();
  }
}

/** Creates a user in the caller's tenant with a fresh token. */
@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly contexts: CommandContextFactory,
  ) {}

  async execute({ context, input }: CreateUserCommand): Promise<CreatedUser> {
    const userId = this.contexts.newId();
    const token = generateToken();
    const result = await this.executor.stream(streamName(StreamCategory.user, userId), userDecider).execute(context, () => ({
      type: 'CreateUser',
      now: context.now.toISOString(),
      data: { userId, tenantId: context.principal.tenantId, name: input.name, role: input.role, tokenHash: hashToken(token) },
    }));
    return { id: userId, token, version: result.version, position: result.position };
  }
}
