import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCategory, UserSessionStarted, streamName, userDecider } from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { StreamExecutor } from '../application/stream-executor';
import { generateSessionSecret, hashToken } from './token';

export interface StartedSession {
  /** For the cookie; only its hash is stored. */
  secret: string;
  expiresAt: string;
}

/** Starts a session for the context's principal, authenticated with the token of this hash. */
export class StartSessionCommand extends Command<StartedSession> {
  constructor(
    readonly context: CommandContext,
    readonly tokenHash: string,
  ) {
    super();
  }
}

/** Ends the context's principal's session of this hash (sign-out). */
export class EndSessionCommand extends Command<WriteResult> {
  constructor(
    readonly context: CommandContext,
    readonly sessionHash: string,
  ) {
    super();
  }
}

const userStream = (context: CommandContext) => streamName(StreamCategory.user, context.principal.userId);

@CommandHandler(StartSessionCommand)
export class StartSessionHandler implements ICommandHandler<StartSessionCommand> {
  constructor(private readonly executor: StreamExecutor) {}

  async execute({ context, tokenHash }: StartSessionCommand): Promise<StartedSession> {
    const secret = generateSessionSecret();
    const userId = context.principal.userId;
    const { events } = await this.executor.stream(userStream(context), userDecider).execute(context, () => ({
      type: 'StartSession',
      now: context.now.toISOString(),
      data: { userId, sessionHash: hashToken(secret), credential: { method: 'token', tokenHash } },
    }));
    const started = events.find((e): e is UserSessionStarted => e.type === 'UserSessionStarted');
    if (!started) throw new Error(`No session was started for user ${userId}`);
    return { secret, expiresAt: started.data.expiresAt };
  }
}

@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(private readonly executor: StreamExecutor) {}

  async execute({ context, sessionHash }: EndSessionCommand): Promise<WriteResult> {
    const { version, position } = await this.executor.stream(userStream(context), userDecider).execute(context, () => ({
      type: 'EndSession',
      now: context.now.toISOString(),
      data: { userId: context.principal.userId, sessionHash },
    }));
    return { version, position };
  }
}
