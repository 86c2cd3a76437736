import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, StreamCategory, streamName, userDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';
import { generateToken, hashToken } from './token';

export interface IssuedToken extends WriteResult {
  /** Shown once; only its hash is stored. */
  token: string;
}

export class IssueUserTokenCommand extends Command<IssuedToken> {
  constructor(
    readonly context: CommandContext,
    readonly userId: string,
  ) {
    super();
  }
}

export class RevokeUserTokenCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly userId: string,
  ) {
    super();
  }
}

const notFound = (userId: string) => () => new NotFoundError('user.not_found', `User ${userId} not found`);

/**
 * A new token for a user (the old one and the user's sessions stop working). A retry of a request whose answer was
 * lost (same Idempotency-Key) cannot show that answer's token again, only its hash was kept: it issues another one,
 * as creating a user does (createUserWithToken).
 */
@CommandHandler(IssueUserTokenCommand)
export class IssueUserTokenHandler implements ICommandHandler<IssueUserTokenCommand> {
  constructor(private readonly executor: StreamExecutor) {}

  async execute({ context, userId }: IssueUserTokenCommand): Promise<IssuedToken> {
    const users = this.executor.stream(streamName(StreamCategory.user, userId), userDecider);
    const now = context.now.toISOString();
    const token = generateToken();
    const replace = () => ({ type: 'ReplaceUserToken' as const, now, data: { userId, tokenHash: hashToken(token) } });
    let result = await users.execute(context, replace, { notFound: notFound(userId) });
    if (result.replayed) result = await users.execute({ ...context, requestIds: undefined }, replace, { notFound: notFound(userId) });
    return { token, version: result.version, position: result.position };
  }
}

/** Revokes a user's token: it and the user's sessions stop working; a tenant keeps an admin who can sign in. */
@CommandHandler(RevokeUserTokenCommand)
export class RevokeUserTokenHandler implements ICommandHandler<RevokeUserTokenCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async execute({ context, userId }: RevokeUserTokenCommand): Promise<WriteResult> {
    const admins = await this.facts.otherAdmins(context, userId);
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.user, userId), userDecider)
      .execute(context, () => ({ type: 'RevokeUserToken', now: context.now.toISOString(), data: { userId }, context: admins }), {
        notFound: notFound(userId),
      });
    return { version, position };
  }
}
