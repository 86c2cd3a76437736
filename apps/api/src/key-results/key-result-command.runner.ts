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
import { Directory } from '../application/directory';
import { StreamExecutor } from '../application/stream-executor';

/**
 * Runs commands on an existing key result, with the facts of its objective and cycle as context. The
 * facts come from the Directory, caught up with the log first, so they are as current as reading those
 * streams would be (and cost no reads on the hot check-in path).
 */
@Injectable()
export class KeyResultCommandRunner {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly directory: Directory,
  ) {}

  async run(
    keyResultId: string,
    context: CommandContext,
    build: (krContext: KeyResultContext, now: string, state: KeyResultState) => KeyResultCommand[],
  ): Promise<WriteResult> {
    const tenantId = context.principal.tenantId;
    const notFound = () => new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
    await this.directory.refreshSince(context.directoryMark);
    const krContext = this.directory.keyResultContext(keyResultId, tenantId);
    if (!krContext) throw notFound();
    const now = context.now.toISOString();
    const { version, position } = await this.executor
      .stream(streamName(StreamCategory.keyResult, keyResultId), keyResultDecider)
      .execute(context, (state) => build(krContext, now, state), { notFound });
    return { version, position };
  }
}
