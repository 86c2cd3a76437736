import { Injectable } from '@nestjs/common';
import {
  KeyResultCommand,
  KeyResultContext,
  KeyResultState,
  NotFoundError,
  StreamCategory,
  keyResultDecider,
  streamName,
} from '@okr/domain';
import { CommandContext, WriteResult } from '../application/command-context';
import { Facts } from '../application/facts';
import { StreamExecutor } from '../application/stream-executor';

/** Runs commands on an existing key result, with the facts of its objective and cycle as context. */
@Injectable()
export class KeyResultCommandRunner {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly facts: Facts,
  ) {}

  async run(
    keyResultId: string,
    context: CommandContext,
    build: (krContext: KeyResultContext, now: string, state: KeyResultState) => KeyResultCommand[],
  ): Promise<WriteResult> {
    const notFound = () => new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    const krContext = await this.facts.keyResultContext(context, keyResultId);
    const now = context.now.toISOString();
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.keyResult, keyResultId), keyResultDecider)
      .execute(context, (state) => build(krContext, now, state), { notFound });
    return { version, position };
  }
}
