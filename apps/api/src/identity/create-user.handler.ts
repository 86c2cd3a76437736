import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, UserRole, streamName, userDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
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
    const userId = this.contexts.newId(context);
    const { token, result } = await createUserWithToken(this.executor, context, {
      userId,
      tenantId: context.principal.tenantId,
      name: input.name,
      role: input.role,
    });
    return { id: userId, token, version: result.version, position: result.position };
  }
}

/**
 * Creates a user with a fresh token, shown once (only its hash is stored). When the creation is a retry of a request
 * whose answer was lost (same Idempotency-Key, the user already stored), the token of that answer is gone: the user
 * gets a new one (UserTokenReplaced), so the retry answers, as the first request would have, with a token that works.
 */
export async function createUserWithToken(
  executor: StreamExecutor,
  context: CommandContext,
  user: { userId: string; tenantId: string; name: string; role: UserRole },
): Promise<{ token: string; result: WriteResult }> {
  const users = executor.stream(streamName(StreamCategory.user, user.userId), userDecider);
  const now = context.now.toISOString();
  const token = generateToken();
  const created = await users.execute(context, () => ({ type: 'CreateUser', now, data: { ...user, tokenHash: hashToken(token) } }));
  if (!created.replayed) return { token, result: created };
  const replaced = await users.execute({ ...context, requestIds: undefined }, () => ({
    type: 'ReplaceUserToken',
    now,
    data: { userId: user.userId, tokenHash: hashToken(token) },
  }));
  return { token, result: replaced };
}
